//! Lenient first pass over a GeoJSON layer: bytes → a compact raw tree of features that never fails
//! on a single bad feature (only on broken JSON), keeping coordinates compact for 100 MB inputs.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// Nesting limit, the same as `serde_json`'s recursion limit.
pub const MAX_DEPTH: usize = 128;

/// A `coordinates` member, kept compact: a run of 2+ numbers becomes one `Pos`.
#[derive(Debug, Clone, PartialEq)]
pub enum Nest {
    /// A lone number (only valid inside a position, so this is always an error upstream).
    Num(f64),
    /// An array of numbers with at least two members: x, y (further members ignored).
    Pos(f64, f64),
    /// Any other array.
    List(Vec<Nest>),
    /// Not a number or an array: what it was ("a string", "null", "an object", "a boolean").
    Other(&'static str),
}

/// A value that must be an array but may not be.
#[derive(Debug, Clone, PartialEq)]
pub enum Lenient<T> {
    Items(Vec<T>),
    /// What it was instead.
    NotArray(&'static str),
}

/// One member of `features` as read, before any validation.
#[derive(Debug, Clone, PartialEq)]
pub enum RawFeature {
    Object {
        ty: Option<Value>,
        id: Option<Value>,
        properties: Option<Value>,
        geometry: Option<RawGeometry>,
    },
    /// The member is not a JSON object: what it was.
    NotObject(&'static str),
}

/// A geometry object as read.
#[derive(Debug, Clone, PartialEq)]
pub enum RawGeometry {
    Null,
    Object {
        ty: Option<Value>,
        coordinates: Option<Nest>,
        geometries: Option<Lenient<RawGeometry>>,
    },
    NotObject(&'static str),
}

/// The whole file as read.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCollection {
    Object {
        ty: Option<Value>,
        features: Option<Lenient<RawFeature>>,
        /// The pre-RFC 7946 `crs` member, if any.
        crs: Option<Value>,
    },
    NotObject(&'static str),
}

/// Why a file could not be read as JSON at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RawError {
    #[error("empty file")]
    Empty,
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 { offset: usize },
    #[error("nesting too deep (more than {MAX_DEPTH} levels) at line {line} column {column}")]
    TooDeep { line: usize, column: usize },
    #[error("JSON syntax error at line {line} column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
}

/// Read a layer's bytes into a [`RawCollection`].
pub fn read(bytes: &[u8]) -> Result<RawCollection, RawError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return Err(RawError::InvalidUtf8 {
                offset: e.valid_up_to(),
            });
        }
    };
    // RFC 8259 lets parsers ignore a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(RawError::Empty);
    }
    // Checked up front: serde_json skips ignored members without a depth limit.
    if let Some((line, column)) = too_deep_at(text.as_bytes()) {
        return Err(RawError::TooDeep { line, column });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = RawCollection::deserialize(&mut de).and_then(|c| de.end().map(|()| c));
    match parsed {
        Ok(c) => Ok(c),
        Err(err) => {
            let message = err.to_string();
            // serde_json appends " at line L column C"; keep the message alone.
            let message = match message.rfind(" at line ") {
                Some(cut) => message.get(..cut).unwrap_or(&message).to_string(),
                None => message,
            };
            let (line, column) = real_position(text, err.line(), err.column());
            Err(RawError::Syntax {
                line,
                column,
                message,
            })
        }
    }
}

/// serde_json reports an error on a line break as "line L+1 column 0": the offending byte is the
/// break at the end of line L, one column past its last byte.
fn real_position(text: &str, line: usize, column: usize) -> (usize, usize) {
    if column > 0 || line < 2 {
        return (line, column.max(1));
    }
    let previous = text.split('\n').nth(line - 2).unwrap_or("");
    (line - 1, previous.len() + 1)
}

/// Where (1-based line, 1-based byte column) the nesting first exceeds [`MAX_DEPTH`], ignoring brackets in strings.
pub fn too_deep_at(bytes: &[u8]) -> Option<(usize, usize)> {
    // A quick pass for the offending bracket (strings skipped whole); lines are only counted
    // when one is found.
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    match c {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(line_column(bytes, i));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The 1-based line and byte column of `at`, counting the line breaks outside strings.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let mut in_string = false;
    let mut escaped = false;
    let mut line = 1usize;
    let mut line_start = 0usize;
    for (i, &b) in bytes.iter().enumerate().take(at) {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
    }
    // Columns count bytes, like serde_json's.
    (line, at - line_start + 1)
}

fn describe<'de, A: MapAccess<'de>>(mut map: A) -> Result<&'static str, A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok("an object")
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<&'static str, A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok("an array")
}

/// Implements the "anything but what we want" visitor methods, mapping each to `$wrap(desc)`.
macro_rules! other_values {
    ($wrap:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($wrap("a boolean"))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($wrap("a number"))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($wrap("a number"))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($wrap("a number"))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($wrap("a string"))
        }
    };
}

impl<'de> Deserialize<'de> for Nest {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Nest;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("coordinates")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Nest, E> {
                Ok(Nest::Num(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Nest, E> {
                Ok(Nest::Num(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Nest, E> {
                Ok(Nest::Num(v))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Nest, E> {
                Ok(Nest::Other("a boolean"))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Nest, E> {
                Ok(Nest::Other("a string"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Nest, E> {
                Ok(Nest::Other("null"))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Nest, A::Error> {
                describe(map).map(Nest::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Nest, A::Error> {
                let mut nums = [0.0f64; 2];
                let mut n_nums = 0usize;
                let mut list: Option<Vec<Nest>> = None;
                while let Some(el) = seq.next_element::<Nest>()? {
                    match (el, &mut list) {
                        (Nest::Num(v), None) => {
                            if let Some(slot) = nums.get_mut(n_nums) {
                                *slot = v;
                            }
                            n_nums += 1;
                        }
                        (el, Some(items)) => items.push(el),
                        (el, None) => {
                            let mut items: Vec<Nest> =
                                nums.iter().take(n_nums).map(|&v| Nest::Num(v)).collect();
                            items.push(el);
                            list = Some(items);
                        }
                    }
                }
                Ok(match list {
                    Some(items) => Nest::List(items),
                    None if n_nums >= 2 => Nest::Pos(nums[0], nums[1]),
                    None => Nest::List(nums.iter().take(n_nums).map(|&v| Nest::Num(v)).collect()),
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads an array of `T` leniently (a non-array becomes `NotArray`).
struct LenientSeed<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LenientSeed::<T>(std::marker::PhantomData))
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for LenientSeed<T> {
    type Value = Lenient<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    other_values!(Lenient::NotArray);
    fn visit_unit<E: de::Error>(self) -> Result<Lenient<T>, E> {
        Ok(Lenient::NotArray("null"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Lenient<T>, A::Error> {
        describe(map).map(Lenient::NotArray)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lenient<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(el) = seq.next_element::<T>()? {
            items.push(el);
        }
        Ok(Lenient::Items(items))
    }
}

impl<'de> DeserializeSeed<'de> for LenientSeed<RawFeature> {
    type Value = Lenient<RawFeature>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Deserialize<'de> for RawFeature {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawFeature;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a Feature object")
            }
            other_values!(RawFeature::NotObject);
            fn visit_unit<E: de::Error>(self) -> Result<RawFeature, E> {
                Ok(RawFeature::NotObject("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawFeature, A::Error> {
                drain_seq(seq).map(RawFeature::NotObject)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFeature, A::Error> {
                let (mut ty, mut id, mut properties, mut geometry) = (None, None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "type" => ty = Some(map.next_value::<Value>()?),
                        "id" => id = Some(map.next_value::<Value>()?),
                        "properties" => properties = Some(map.next_value::<Value>()?),
                        "geometry" => geometry = Some(map.next_value::<RawGeometry>()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(RawFeature::Object {
                    ty,
                    id,
                    properties,
                    geometry,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawGeometry {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawGeometry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a geometry object")
            }
            other_values!(RawGeometry::NotObject);
            fn visit_unit<E: de::Error>(self) -> Result<RawGeometry, E> {
                Ok(RawGeometry::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawGeometry, A::Error> {
                drain_seq(seq).map(RawGeometry::NotObject)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawGeometry, A::Error> {
                let (mut ty, mut coordinates, mut geometries) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "type" => ty = Some(map.next_value::<Value>()?),
                        "coordinates" => coordinates = Some(map.next_value::<Nest>()?),
                        "geometries" => {
                            geometries = Some(map.next_value::<Lenient<RawGeometry>>()?)
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(RawGeometry::Object {
                    ty,
                    coordinates,
                    geometries,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawCollection {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawCollection;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a FeatureCollection object")
            }
            other_values!(RawCollection::NotObject);
            fn visit_unit<E: de::Error>(self) -> Result<RawCollection, E> {
                Ok(RawCollection::NotObject("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawCollection, A::Error> {
                drain_seq(seq).map(RawCollection::NotObject)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawCollection, A::Error> {
                let (mut ty, mut features, mut crs) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "type" => ty = Some(map.next_value::<Value>()?),
                        "crs" => crs = Some(map.next_value::<Value>()?),
                        "features" => {
                            features = Some(map.next_value_seed(LenientSeed::<RawFeature>(
                                std::marker::PhantomData,
                            ))?)
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(RawCollection::Object { ty, features, crs })
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_compact_and_lists_nest() {
        let n: Nest = match serde_json::from_str("[[1, 2], [3.5, 4, 9], [5]]") {
            Ok(n) => n,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(
            n,
            Nest::List(vec![
                Nest::Pos(1.0, 2.0),
                Nest::Pos(3.5, 4.0),
                Nest::List(vec![Nest::Num(5.0)])
            ])
        );
        let mixed: Nest = match serde_json::from_str(r#"[1, "a"]"#) {
            Ok(n) => n,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(
            mixed,
            Nest::List(vec![Nest::Num(1.0), Nest::Other("a string")])
        );
    }

    #[test]
    fn a_bad_feature_does_not_fail_the_file() {
        let c = match read(
            br#"{"type":"FeatureCollection","features":[1,{"type":"Feature","geometry":null}]}"#,
        ) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let RawCollection::Object {
            features: Some(Lenient::Items(items)),
            ..
        } = c
        else {
            panic!("not read: {c:?}");
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0], RawFeature::NotObject("a number"));
    }

    #[test]
    fn errors_name_where() {
        assert_eq!(read(b"  \n"), Err(RawError::Empty));
        assert_eq!(
            read(b"{\"a\": \"\xff\"}"),
            Err(RawError::InvalidUtf8 { offset: 7 })
        );
        match read(b"{\n  \"type\": ,\n}") {
            Err(RawError::Syntax { line, column, .. }) => assert_eq!((line, column), (2, 11)),
            other => panic!("{other:?}"),
        }
        let deep = "[".repeat(200);
        assert_eq!(
            read(deep.as_bytes()),
            Err(RawError::TooDeep {
                line: 1,
                column: 129
            })
        );
    }

    /// The first scan, kept to check the quicker one against.
    /// Where (1-based line, 1-based byte column) the nesting first exceeds [`MAX_DEPTH`], ignoring brackets in strings.
    fn too_deep_at_reference(bytes: &[u8]) -> Option<(usize, usize)> {
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        let mut line = 1usize;
        let mut line_start = 0usize;
        for (i, &b) in bytes.iter().enumerate() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        // Columns count bytes, like serde_json's.
                        return Some((line, i - line_start + 1));
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                b'\n' => {
                    line += 1;
                    line_start = i + 1;
                }
                _ => {}
            }
        }
        None
    }

    #[test]
    fn quick_depth_scan_agrees_with_the_first_one() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let alphabet = b"[[[[[[[[[[[[{{]},\"\\\n a1";
        let mut too_deep = 0;
        for case in 0..4000 {
            let len = 1 + (case % 1000);
            let text: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let want = too_deep_at_reference(&text);
            assert_eq!(
                too_deep_at(&text),
                want,
                "{:?}",
                String::from_utf8_lossy(&text)
            );
            too_deep += usize::from(want.is_some());
        }
        assert!((500..3500).contains(&too_deep), "{too_deep}");
        let deep = format!("{{\"a\": \"x\\\"[\",\n\"b\":\n{}", "[".repeat(200));
        assert_eq!(too_deep_at(deep.as_bytes()), Some((3, 128)));
        assert_eq!(
            too_deep_at(deep.as_bytes()),
            too_deep_at_reference(deep.as_bytes())
        );
    }

    #[test]
    fn brackets_in_strings_do_not_count() {
        let s = format!("{{\"a\": \"{}\"}}", "[".repeat(500));
        assert_eq!(too_deep_at(s.as_bytes()), None);
    }

    #[test]
    fn error_on_a_line_break_names_the_real_line_and_column() {
        // A file cut short after a line break: serde_json says "line 3 column 0".
        match read(b"{\n\"type\":\n") {
            Err(RawError::Syntax { line, column, .. }) => assert_eq!((line, column), (2, 8)),
            other => panic!("expected a syntax error at line 2 column 8, got {other:?}"),
        }
        // A file cut short after a line break: the end of the last line.
        match read(b"{\"type\":\n") {
            Err(RawError::Syntax { line, column, .. }) => assert_eq!((line, column), (1, 9)),
            other => panic!("expected a syntax error at line 1 column 9, got {other:?}"),
        }
    }
}
