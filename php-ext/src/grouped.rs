//! Field errors and warnings as PHP sees them: `field => list of messages`.

use asa2_core::FieldErrors;
use serde::Serialize;
use serde::ser::SerializeMap;

/// Field errors or warnings as `field => list of messages`, fields in the order first found.
pub(crate) struct Grouped<'a>(Vec<(&'a str, Vec<&'a str>)>);

impl<'a> Grouped<'a> {
    /// Groups `errors` by field.
    pub(crate) fn new(errors: &'a FieldErrors) -> Grouped<'a> {
        let mut grouped: Vec<(&str, Vec<&str>)> = Vec::new();
        for e in errors.iter() {
            match grouped.iter_mut().find(|(f, _)| *f == e.field) {
                Some((_, messages)) => messages.push(&e.message),
                None => grouped.push((&e.field, vec![&e.message])),
            }
        }
        Grouped(grouped)
    }
}

impl Serialize for Grouped<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (field, messages) in &self.0 {
            map.serialize_entry(field, messages)?;
        }
        map.end()
    }
}
