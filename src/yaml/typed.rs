//! Typed values straight from the spanned tree: a [`serde::Deserializer`] over
//! [`Node`], so that a checked document becomes its serde types without a JSON copy.
//!
//! It reads what `serde_json::from_value(node.to_json())` reads, value for value: a
//! non-finite number is the text `.nan`/`inf` it would become in JSON, and so is
//! refused where a number is expected. The structural check names every problem of
//! a document; this conversion stops at the first, and is only a safety net after it.

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;

use super::{Key, Node, Value};

/// Why a tree could not be read as a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// Reads `node` as a `T`.
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, Error> {
    T::deserialize(NodeDeserializer(node))
}

/// A deserializer of one node.
#[derive(Clone, Copy)]
pub struct NodeDeserializer<'a>(pub &'a Node);

impl<'de> de::Deserializer<'de> for NodeDeserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) if f.is_finite() => visitor.visit_f64(*f),
            // What JSON makes of it, so that both readings agree.
            Value::Float(f) => visitor.visit_string(f.to_string()),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Seq(items) => {
                let mut access = Items(items.iter());
                let value = visitor.visit_seq(&mut access)?;
                match access.0.len() {
                    0 => Ok(value),
                    left => Err(de::Error::invalid_length(
                        items.len() - left,
                        &"fewer items",
                    )),
                }
            }
            Value::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::String(name) => visitor.visit_enum(name.as_str().into_deserializer()),
            Value::Map(entries) => match entries.as_slice() {
                [(key, node)] => visitor.visit_enum(Variant { key, node }),
                _ => Err(de::Error::invalid_value(
                    de::Unexpected::Map,
                    &"a mapping with a single key",
                )),
            },
            _ => Err(de::Error::invalid_type(
                unexpected(self.0),
                &"an enum value",
            )),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

fn unexpected(node: &Node) -> de::Unexpected<'_> {
    match &node.value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Int(i) => de::Unexpected::Signed(*i),
        Value::Float(f) => de::Unexpected::Float(*f),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Seq(_) => de::Unexpected::Seq,
        Value::Map(_) => de::Unexpected::Map,
    }
}

struct Items<'a>(std::slice::Iter<'a, Node>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|node| seed.deserialize(NodeDeserializer(node)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'a> {
    entries: std::slice::Iter<'a, (Key, Node)>,
    value: Option<&'a Node>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, node)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(node);
        let name: de::value::BorrowedStrDeserializer<'de, Error> =
            de::value::BorrowedStrDeserializer::new(&key.name);
        seed.deserialize(name).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(node) => seed.deserialize(NodeDeserializer(node)),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct Variant<'a> {
    key: &'a Key,
    node: &'a Node,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = NodeDeserializer<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), Error> {
        let name: de::value::BorrowedStrDeserializer<'de, Error> =
            de::value::BorrowedStrDeserializer::new(&self.key.name);
        Ok((seed.deserialize(name)?, NodeDeserializer(self.node)))
    }
}

impl<'de> VariantAccess<'de> for NodeDeserializer<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.0.value {
            Value::Null => Ok(()),
            _ => Err(de::Error::invalid_type(
                unexpected(self.0),
                &"a unit variant",
            )),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Budget, parse_within};
    use serde::Deserialize;
    use std::collections::BTreeMap;

    /// Both readings of `text` as a `T`: from the tree and through JSON.
    fn both<T: DeserializeOwned>(text: &str) -> (Result<T, Error>, Result<T, serde_json::Error>) {
        let budget = Budget {
            non_finite_numbers: true,
            ..Budget::PROVIDER
        };
        let root = parse_within(text, budget).unwrap();
        (from_node(&root), serde_json::from_value(root.to_json()))
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    struct Sample {
        count: u32,
        share: f64,
        name: Option<String>,
        kind: Kind,
        #[serde(default)]
        tags: Vec<String>,
        more: Option<BTreeMap<String, bool>>,
        either: Option<Either>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        Plain,
        WithData(u8),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(untagged)]
    enum Either {
        One(Kind),
        Many(Vec<Kind>),
    }

    #[test]
    fn reads_as_json_reads() {
        let valid = [
            "count: 3\nshare: 1\nkind: plain\n",
            "count: 3\nshare: 2.5\nname: x\nkind: {with-data: 4}\ntags: [a]\nmore: {a: true}\n",
            "count: 0\nshare: 0\nkind: plain\neither: plain\n",
            "count: 0\nshare: 0\nkind: plain\neither: [plain, plain]\nname: null\n",
        ];
        for text in valid {
            let (tree, json) = both::<Sample>(text);
            assert_eq!(tree.unwrap(), json.unwrap(), "{text}");
        }
        let invalid = [
            "count: -1\nshare: 1\nkind: plain\n",
            "count: 1.5\nshare: 1\nkind: plain\n",
            "count: 1\nshare: .nan\nkind: plain\n",
            "count: 1\nshare: 1\nkind: other\n",
            "count: 1\nshare: 1\nkind: plain\nextra: 1\n",
            "share: 1\nkind: plain\n",
            "count: 1\nshare: 1\nkind: plain\ntags: a\n",
            "count: 1\nshare: 1\nkind: plain\neither: [other]\n",
            "count: 1\nshare: 1\nkind: {plain: 1, with-data: 2}\n",
        ];
        for text in invalid {
            let (tree, json) = both::<Sample>(text);
            assert!(tree.is_err() && json.is_err(), "{text}: {tree:?} {json:?}");
        }
    }
}
