//! A serde `Serializer` that builds PHP values directly, so core results become PHP arrays in
//! one pass (no JSON text in between). Struct fields and map entries keep their order; enums
//! follow serde_json's conventions (unit variants as strings, others as one-entry arrays).

use std::fmt;

use ext_php_rs::boxed::ZBox;
use ext_php_rs::types::{ZendHashTable, Zval};
use serde::ser::{self, Serialize};

/// Why a value could not become a PHP value (a bug in the binding, never the user's input).
#[derive(Debug)]
pub(crate) struct ZvalError(String);

impl fmt::Display for ZvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ZvalError {}

impl ser::Error for ZvalError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ZvalError(msg.to_string())
    }
}

fn failed(e: impl fmt::Display) -> ZvalError {
    ZvalError(e.to_string())
}

/// Serializes any value into a [`Zval`].
pub(crate) struct ZvalSerializer;

fn long(v: i64) -> Zval {
    let mut z = Zval::new();
    z.set_long(v);
    z
}

fn string(v: &str) -> Result<Zval, ZvalError> {
    let mut z = Zval::new();
    z.set_string(v, false).map_err(failed)?;
    Ok(z)
}

fn array(table: ZBox<ZendHashTable>) -> Zval {
    let mut z = Zval::new();
    z.set_hashtable(table);
    z
}

/// `[variant => value]`, serde_json's shape for data-carrying enum variants.
fn tagged(variant: &str, value: Zval) -> Result<Zval, ZvalError> {
    let mut table = ZendHashTable::new();
    table.insert(variant, value).map_err(failed)?;
    Ok(array(table))
}

impl ser::Serializer for ZvalSerializer {
    type Ok = Zval;
    type Error = ZvalError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = SeqBuilder;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = MapBuilder;

    fn serialize_bool(self, v: bool) -> Result<Zval, ZvalError> {
        let mut z = Zval::new();
        z.set_bool(v);
        Ok(z)
    }

    fn serialize_i8(self, v: i8) -> Result<Zval, ZvalError> {
        Ok(long(v.into()))
    }

    fn serialize_i16(self, v: i16) -> Result<Zval, ZvalError> {
        Ok(long(v.into()))
    }

    fn serialize_i32(self, v: i32) -> Result<Zval, ZvalError> {
        Ok(long(v.into()))
    }

    fn serialize_i64(self, v: i64) -> Result<Zval, ZvalError> {
        Ok(long(v))
    }

    fn serialize_u8(self, v: u8) -> Result<Zval, ZvalError> {
        Ok(long(v.into()))
    }

    fn serialize_u16(self, v: u16) -> Result<Zval, ZvalError> {
        Ok(long(v.into()))
    }

    fn serialize_u32(self, v: u32) -> Result<Zval, ZvalError> {
        Ok(long(v.into()))
    }

    fn serialize_u64(self, v: u64) -> Result<Zval, ZvalError> {
        match i64::try_from(v) {
            Ok(i) => Ok(long(i)),
            // Beyond PHP_INT_MAX: PHP itself turns such integers into floats.
            Err(_) => self.serialize_f64(v as f64),
        }
    }

    fn serialize_f32(self, v: f32) -> Result<Zval, ZvalError> {
        self.serialize_f64(v.into())
    }

    fn serialize_f64(self, v: f64) -> Result<Zval, ZvalError> {
        let mut z = Zval::new();
        z.set_double(v);
        Ok(z)
    }

    fn serialize_char(self, v: char) -> Result<Zval, ZvalError> {
        string(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<Zval, ZvalError> {
        string(v)
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<Zval, ZvalError> {
        let mut table = ZendHashTable::new();
        for b in v {
            table.push(long((*b).into())).map_err(failed)?;
        }
        Ok(array(table))
    }

    fn serialize_none(self) -> Result<Zval, ZvalError> {
        Ok(Zval::null())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Zval, ZvalError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Zval, ZvalError> {
        Ok(Zval::null())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<Zval, ZvalError> {
        Ok(Zval::null())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Zval, ZvalError> {
        string(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Zval, ZvalError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Zval, ZvalError> {
        tagged(variant, value.serialize(ZvalSerializer)?)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<SeqBuilder, ZvalError> {
        Ok(SeqBuilder::new(None))
    }

    fn serialize_tuple(self, _: usize) -> Result<SeqBuilder, ZvalError> {
        Ok(SeqBuilder::new(None))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<SeqBuilder, ZvalError> {
        Ok(SeqBuilder::new(None))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<SeqBuilder, ZvalError> {
        Ok(SeqBuilder::new(Some(variant)))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<MapBuilder, ZvalError> {
        Ok(MapBuilder::new(None))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<MapBuilder, ZvalError> {
        Ok(MapBuilder::new(None))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<MapBuilder, ZvalError> {
        Ok(MapBuilder::new(Some(variant)))
    }
}

/// Builds a PHP list; for a tuple variant, wrapped as `[variant => list]`.
pub(crate) struct SeqBuilder {
    table: ZBox<ZendHashTable>,
    variant: Option<&'static str>,
}

impl SeqBuilder {
    fn new(variant: Option<&'static str>) -> SeqBuilder {
        SeqBuilder {
            table: ZendHashTable::new(),
            variant,
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ZvalError> {
        let z = value.serialize(ZvalSerializer)?;
        self.table.push(z).map_err(failed)
    }

    fn finish(self) -> Result<Zval, ZvalError> {
        let list = array(self.table);
        match self.variant {
            Some(v) => tagged(v, list),
            None => Ok(list),
        }
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ZvalError> {
        self.push(value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ZvalError> {
        self.push(value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ZvalError> {
        self.push(value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for SeqBuilder {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ZvalError> {
        self.push(value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}

/// Builds a PHP array with string keys; for a struct variant, wrapped as `[variant => array]`.
pub(crate) struct MapBuilder {
    table: ZBox<ZendHashTable>,
    key: Option<String>,
    variant: Option<&'static str>,
}

impl MapBuilder {
    fn new(variant: Option<&'static str>) -> MapBuilder {
        MapBuilder {
            table: ZendHashTable::new(),
            key: None,
            variant,
        }
    }

    fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), ZvalError> {
        let z = value.serialize(ZvalSerializer)?;
        self.table.insert(key, z).map_err(failed)
    }

    fn finish(self) -> Result<Zval, ZvalError> {
        let map = array(self.table);
        match self.variant {
            Some(v) => tagged(v, map),
            None => Ok(map),
        }
    }
}

/// A map key as text, as JSON would write it.
fn key_text<T: Serialize + ?Sized>(key: &T) -> Result<String, ZvalError> {
    let z = key.serialize(ZvalSerializer)?;
    if let Some(s) = z.str() {
        return Ok(s.to_string());
    }
    if let Some(i) = z.long() {
        return Ok(i.to_string());
    }
    if let Some(b) = z.bool() {
        return Ok(b.to_string());
    }
    Err(ZvalError(
        "a map key is not a string or a number".to_string(),
    ))
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ZvalError> {
        self.key = Some(key_text(key)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ZvalError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| ZvalError("a map value came without its key".to_string()))?;
        self.insert(&key, value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ZvalError> {
        self.insert(key, value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for MapBuilder {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ZvalError> {
        self.insert(key, value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}
