//! A serde `Serializer` that builds PHP values directly, so core results become PHP arrays in
//! one pass (no JSON text in between). Struct fields and map entries keep their order; enums
//! follow serde_json's conventions (unit variants as strings, others as one-entry arrays).
//!
//! Arrays are created at their final size, and each struct field name becomes a PHP string
//! once per conversion ([`Keys`]), shared by every array that has that member (PHP counts
//! references to it), instead of once per array.

use std::cell::RefCell;
use std::fmt;
use std::mem::ManuallyDrop;
use std::ptr;

use ext_php_rs::boxed::ZBox;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::ffi::zend_hash_add_new;
use ext_php_rs::types::{ZendEmptyArray, ZendHashTable, ZendStr, Zval};
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

/// Serializes any value into a [`Zval`], with the member names of one conversion.
#[derive(Clone, Copy)]
pub(crate) struct ZvalSerializer<'k> {
    keys: &'k Keys,
}

impl<'k> ZvalSerializer<'k> {
    pub(crate) fn new(keys: &'k Keys) -> Self {
        ZvalSerializer { keys }
    }
}

/// The PHP strings made for struct field names during one conversion, in a small
/// direct-mapped table by the name's address and length (field names are `&'static str`, a
/// few dozen per model). A name whose slot holds another one replaces it; arrays keep their
/// own references, so a replaced name only costs a second string. Dropped with the
/// conversion.
pub(crate) struct Keys {
    slots: RefCell<[Option<Slot>; SLOTS]>,
}

/// A field name (by address and length) and its PHP string.
struct Slot {
    address: usize,
    len: usize,
    key: ZBox<ZendStr>,
}

/// Slots of [`Keys`]: a power of two.
const SLOTS: usize = 256;

impl Default for Keys {
    fn default() -> Self {
        Keys {
            slots: RefCell::new([const { None }; SLOTS]),
        }
    }
}

impl Keys {
    /// Adds `table[name] = value`, `name` being a field name that `table` does not have yet
    /// (serde's structs name each field once). Inlined, so `value` is handed over where the
    /// serializer wrote it rather than copied first.
    #[inline(always)]
    fn insert(&self, table: &mut ZendHashTable, name: &'static str, value: Zval) {
        let address = name.as_ptr() as usize;
        let hash = (address as u64 ^ name.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let slot = (hash >> 56) as usize % SLOTS;
        let mut slots = self.slots.borrow_mut();
        let entry = &mut slots[slot];
        if !matches!(entry, Some(s) if s.address == address && s.len == name.len()) {
            *entry = Some(Slot {
                address,
                len: name.len(),
                key: ZendStr::new(name, false),
            });
        }
        let Some(slot) = entry else {
            return;
        };
        let key: *const ZendStr = &*slot.key;
        let mut value = ManuallyDrop::new(value);
        // SAFETY: `table` and `key` are live PHP values; the table takes its own reference to
        // the key and takes over `value`, which is therefore not dropped here.
        unsafe {
            zend_hash_add_new(
                ptr::from_mut(table),
                key.cast_mut(),
                ptr::from_mut(&mut *value),
            );
        }
    }
}

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

/// An array of `len` elements.
fn table(len: usize) -> ZBox<ZendHashTable> {
    ZendHashTable::with_capacity(u32::try_from(len).unwrap_or(u32::MAX))
}

/// `[variant => value]`, serde_json's shape for data-carrying enum variants.
fn tagged(keys: &Keys, variant: &'static str, value: Zval) -> Result<Zval, ZvalError> {
    let mut table = table(1);
    keys.insert(&mut table, variant, value);
    Ok(array(table))
}

impl<'k> ser::Serializer for ZvalSerializer<'k> {
    type Ok = Zval;
    type Error = ZvalError;
    type SerializeSeq = SeqBuilder<'k>;
    type SerializeTuple = SeqBuilder<'k>;
    type SerializeTupleStruct = SeqBuilder<'k>;
    type SerializeTupleVariant = SeqBuilder<'k>;
    type SerializeMap = MapBuilder<'k>;
    type SerializeStruct = MapBuilder<'k>;
    type SerializeStructVariant = MapBuilder<'k>;

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
        let mut table = table(v.len());
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
        tagged(self.keys, variant, value.serialize(self)?)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder<'k>, ZvalError> {
        Ok(SeqBuilder::new(self, len.unwrap_or(0), None))
    }

    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder<'k>, ZvalError> {
        Ok(SeqBuilder::new(self, len, None))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<SeqBuilder<'k>, ZvalError> {
        Ok(SeqBuilder::new(self, len, None))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<SeqBuilder<'k>, ZvalError> {
        Ok(SeqBuilder::new(self, len, Some(variant)))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder<'k>, ZvalError> {
        Ok(MapBuilder::new(self, len.unwrap_or(0), None))
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapBuilder<'k>, ZvalError> {
        Ok(MapBuilder::new(self, len, None))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<MapBuilder<'k>, ZvalError> {
        Ok(MapBuilder::new(self, len, Some(variant)))
    }
}

/// Builds a PHP list; for a tuple variant, wrapped as `[variant => list]`. An empty list is
/// PHP's shared empty array, as `[]` in PHP code is: nothing to allocate or free.
pub(crate) struct SeqBuilder<'k> {
    ser: ZvalSerializer<'k>,
    /// Created with the first element.
    table: Option<ZBox<ZendHashTable>>,
    len: usize,
    variant: Option<&'static str>,
}

impl<'k> SeqBuilder<'k> {
    fn new(ser: ZvalSerializer<'k>, len: usize, variant: Option<&'static str>) -> Self {
        SeqBuilder {
            ser,
            table: None,
            len,
            variant,
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ZvalError> {
        let z = value.serialize(self.ser)?;
        let len = self.len;
        self.table
            .get_or_insert_with(|| table(len))
            .push(z)
            .map_err(failed)
    }

    fn finish(self) -> Result<Zval, ZvalError> {
        let list = match self.table {
            Some(table) => array(table),
            None => ZendEmptyArray.into_zval(false).map_err(failed)?,
        };
        match self.variant {
            Some(v) => tagged(self.ser.keys, v, list),
            None => Ok(list),
        }
    }
}

impl ser::SerializeSeq for SeqBuilder<'_> {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ZvalError> {
        self.push(value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}

impl ser::SerializeTuple for SeqBuilder<'_> {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ZvalError> {
        self.push(value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for SeqBuilder<'_> {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ZvalError> {
        self.push(value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for SeqBuilder<'_> {
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
pub(crate) struct MapBuilder<'k> {
    ser: ZvalSerializer<'k>,
    table: ZBox<ZendHashTable>,
    key: Option<String>,
    variant: Option<&'static str>,
}

impl<'k> MapBuilder<'k> {
    fn new(ser: ZvalSerializer<'k>, len: usize, variant: Option<&'static str>) -> Self {
        MapBuilder {
            ser,
            table: table(len),
            key: None,
            variant,
        }
    }

    /// A map entry: the key as given.
    fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), ZvalError> {
        let z = value.serialize(self.ser)?;
        self.table.insert(key, z).map_err(failed)
    }

    /// A struct field: the name from [`Keys`].
    fn field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), ZvalError> {
        let z = value.serialize(self.ser)?;
        self.ser.keys.insert(&mut self.table, name, z);
        Ok(())
    }

    fn finish(self) -> Result<Zval, ZvalError> {
        let map = array(self.table);
        match self.variant {
            Some(v) => tagged(self.ser.keys, v, map),
            None => Ok(map),
        }
    }
}

/// A map key as text, as JSON would write it.
fn key_text<T: Serialize + ?Sized>(ser: ZvalSerializer<'_>, key: &T) -> Result<String, ZvalError> {
    let z = key.serialize(ser)?;
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

impl ser::SerializeMap for MapBuilder<'_> {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ZvalError> {
        self.key = Some(key_text(self.ser, key)?);
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

impl ser::SerializeStruct for MapBuilder<'_> {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ZvalError> {
        self.field(key, value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for MapBuilder<'_> {
    type Ok = Zval;
    type Error = ZvalError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ZvalError> {
        self.field(key, value)
    }

    fn end(self) -> Result<Zval, ZvalError> {
        self.finish()
    }
}
