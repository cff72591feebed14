//! GetBrowseNodes: browse nodes (categories) by ID, up to ten per request.

use serde_json::Value;

use crate::field_error::FieldErrors;
use crate::operation::Operation;

use super::checks::{MAX_IDS_PER_REQUEST, browse_node_problem, check_language, combine, dedup};
use super::reader::Reader;
use super::resources::{check_resources, resources_for};

/// GetBrowseNodes: up to 10 browse nodes (categories) by ID.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GetBrowseNodesParams {
    /// Browse node IDs (digits), 1-10 of them.
    pub browse_node_ids: Vec<String>,
    /// Preferred language in `ll_CC` form.
    pub language: Option<String>,
    /// Resources to return; `None` means [`default_resources`](crate::default_resources).
    pub resources: Option<Vec<String>>,
}

impl GetBrowseNodesParams {
    /// The browse nodes `ids` with default resources.
    pub fn new(ids: Vec<String>) -> GetBrowseNodesParams {
        GetBrowseNodesParams {
            browse_node_ids: ids,
            ..GetBrowseNodesParams::default()
        }
    }

    /// Reads and validates a JSON object such as `{"browse_node_ids": ["340843031"]}`.
    pub fn from_json(value: &Value) -> Result<GetBrowseNodesParams, FieldErrors> {
        let mut r = Reader::new(value)?;
        let ids = r.strings(&["browse_node_ids", "browse_node_id"]);
        let language = r.language();
        let resources = r.strings(&["resources"]);
        let read = r.finish();
        let params = GetBrowseNodesParams {
            browse_node_ids: ids.unwrap_or_default(),
            language,
            resources,
        };
        combine(read, params.validate())
    }

    /// Checks and normalizes: 1-10 IDs of digits, duplicates removed.
    pub fn validate(mut self) -> Result<GetBrowseNodesParams, FieldErrors> {
        let mut errors = FieldErrors::new();
        let ids: Vec<String> = self
            .browse_node_ids
            .iter()
            .map(|id| id.trim().to_string())
            .filter(|id| !id.is_empty())
            .collect();
        self.browse_node_ids = dedup(ids);
        if self.browse_node_ids.is_empty() {
            errors.push(
                "browse_node_ids",
                "Enter at least one browse node ID (digits, for example 340843031).",
            );
        }
        if self.browse_node_ids.len() > MAX_IDS_PER_REQUEST {
            errors.push(
                "browse_node_ids",
                format!(
                    "Enter at most {MAX_IDS_PER_REQUEST} browse node IDs per request; {} were given.",
                    self.browse_node_ids.len()
                ),
            );
        }
        for id in &self.browse_node_ids {
            if let Some(why) = browse_node_problem(id) {
                errors.push("browse_node_ids", why);
            }
        }
        self.resources = check_resources(self.resources, &mut errors);
        self.language = check_language(self.language, &mut errors);
        errors.into_result(self)
    }

    /// Resources to send to the Creators API (lowerCamelCase).
    pub fn creators_resources(&self) -> Vec<String> {
        resources_for(Operation::GetBrowseNodes, self.resources.as_ref(), false)
    }

    /// Resources to send to PA-API 5.0 (PascalCase).
    pub fn paapi_resources(&self) -> Vec<String> {
        resources_for(Operation::GetBrowseNodes, self.resources.as_ref(), true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn messages(errors: &FieldErrors, field: &str) -> String {
        errors.for_field(field).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn browse_nodes_take_one_to_ten_numeric_ids() {
        let p = GetBrowseNodesParams::from_json(
            &json!({ "browse_node_ids": ["340843031", 340843031, " 123 "] }),
        )
        .unwrap();
        assert_eq!(p.browse_node_ids, ["340843031", "123"]);
        let err = GetBrowseNodesParams::from_json(&json!({ "browse_node_ids": [] })).unwrap_err();
        assert!(messages(&err, "browse_node_ids").contains("at least one"));
        let eleven: Vec<String> = (1..=11).map(|i| i.to_string()).collect();
        let err =
            GetBrowseNodesParams::from_json(&json!({ "browse_node_ids": eleven })).unwrap_err();
        assert!(messages(&err, "browse_node_ids").contains("at most 10"));
        let err = GetBrowseNodesParams::new(vec!["abc".into(), "0".into()])
            .validate()
            .unwrap_err();
        assert_eq!(err.for_field("browse_node_ids").count(), 2);
    }
}
