//! `ket-qua.json`: the results, machine-readable (documented in README.md).
//!
//! Written by a serializer of our own that gives serde_json's pretty
//! printing (two-space indent) byte for byte: the national file is 7,9 MB
//! of short, mostly Vietnamese texts, and serde_json looks at every byte of
//! every text through a table to find the few that need escaping (a third
//! of the file's CPU). Here a text is checked eight bytes at a time, and one
//! with nothing to escape is copied as it is; a text that needs escaping,
//! and every number, is still written by serde_json itself, so those bytes
//! are its bytes. Each line break and its indent is written at once (the
//! file has 300 000 lines). What the check still costs is mostly the wait
//! for each text's first bytes from memory (the copy after it finds them in
//! cache); checking the tail of a text with overlapping words was slower.

use crate::model::RunResult;
use serde::ser::{self, Serialize};
use std::fmt::Display;
use std::io::{self, Write};

/// Pretty-printed, with a newline at the end, streamed: the national file
/// is 7,9 MB and is never held whole in memory.
pub fn write_to(result: &RunResult, w: &mut impl Write) -> io::Result<()> {
    write_value(result, &mut *w)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// `value` as `serde_json::to_writer_pretty` writes it, byte for byte
/// (the manifest is written this way too).
pub(crate) fn write_value<T: ?Sized + Serialize, W: Write>(value: &T, w: W) -> io::Result<()> {
    value.serialize(&mut Pretty { w, level: 0 }).map_err(|e| e.0)
}

/// The serializer: the writer and the depth of the value being written.
struct Pretty<W> {
    w: W,
    level: usize,
}

/// ",\n" and the indent of the deepest level written at once.
const LINE: &[u8; 2 + 2 * 32] = b",\n                                                                ";

/// A write failed, or a value could not be written as JSON (a map key that
/// is not a text or a number, as serde_json refuses it).
#[derive(Debug)]
struct Error(io::Error);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(io::Error::other(msg.to_string()))
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error(e.into())
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

/// Whether serde_json would escape a byte of `b`: a control character
/// (below U+0020), a quote or a backslash. Eight bytes at a time: a byte
/// of UTF-8 beyond ASCII has its high bit set and is never one of them.
fn needs_escape(b: &[u8]) -> bool {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 0x80;
    /// The high bit of some byte is set when a byte of `x` is zero (the
    /// bits of the bytes after a zero byte may be wrong, but not whether
    /// there is one).
    fn zero_byte(x: u64) -> u64 {
        x.wrapping_sub(ONES) & !x & HIGH
    }
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        // A byte below 0x20, by the same borrow as for a zero byte.
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        if control | zero_byte(x ^ (ONES * u64::from(b'"'))) | zero_byte(x ^ (ONES * u64::from(b'\\'))) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\')
}

impl<W: Write> Pretty<W> {
    /// A line break (after a comma unless `first`) and the current indent.
    fn line(&mut self, first: bool) -> Result {
        let from = usize::from(first);
        if self.level <= 32 {
            self.w.write_all(&LINE[from..2 + 2 * self.level])?;
        } else {
            self.w.write_all(&LINE[from..2])?;
            for _ in 0..self.level {
                self.w.write_all(b"  ")?;
            }
        }
        Ok(())
    }

    /// A text in quotes: as it is when nothing in it needs escaping, else
    /// as serde_json escapes it.
    fn text(&mut self, s: &str) -> Result {
        if needs_escape(s.as_bytes()) {
            serde_json::to_writer(&mut self.w, s)?;
        } else {
            self.w.write_all(b"\"")?;
            self.w.write_all(s.as_bytes())?;
            self.w.write_all(b"\"")?;
        }
        Ok(())
    }

    /// A number (or `null` for a float that is not finite), as serde_json
    /// writes it: one formatting for its pretty and compact output alike.
    fn scalar<T: Serialize>(&mut self, v: T) -> Result {
        serde_json::to_writer(&mut self.w, &v)?;
        Ok(())
    }

    /// `[` or `{` opening a level.
    fn open(&mut self, bracket: &[u8]) -> Result {
        self.level += 1;
        self.w.write_all(bracket)?;
        Ok(())
    }

    /// `]` or `}` closing a level, on a line of its own when it holds
    /// anything.
    fn close(&mut self, bracket: &[u8], empty: bool) -> Result {
        self.level -= 1;
        if !empty {
            self.line(true)?;
        }
        self.w.write_all(bracket)?;
        Ok(())
    }

    /// `{"variant": ` of an enum's variant that holds something; closed by
    /// `self.close(b"}", false)`.
    fn open_variant(&mut self, variant: &str) -> Result {
        self.open(b"{")?;
        self.line(true)?;
        self.text(variant)?;
        self.w.write_all(b": ")?;
        Ok(())
    }
}

/// An array or an object being written.
struct Compound<'a, W> {
    ser: &'a mut Pretty<W>,
    /// Nothing written in it yet.
    first: bool,
    /// In the object of an enum's variant, closed after it.
    variant: bool,
}

impl<'a, W: Write> Compound<'a, W> {
    fn new(ser: &'a mut Pretty<W>, bracket: &[u8], variant: bool) -> Result<Self> {
        ser.open(bracket)?;
        Ok(Compound { ser, first: true, variant })
    }

    /// The line an element or a key starts on.
    fn next(&mut self) -> Result {
        let first = std::mem::replace(&mut self.first, false);
        self.ser.line(first)
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.next()?;
        value.serialize(&mut *self.ser)
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result {
        self.next()?;
        self.ser.text(key)?;
        self.ser.w.write_all(b": ")?;
        value.serialize(&mut *self.ser)
    }

    fn end(self, bracket: &[u8]) -> Result {
        self.ser.close(bracket, self.first)?;
        if self.variant {
            self.ser.close(b"}", false)?;
        }
        Ok(())
    }
}

impl<'a, W: Write> ser::Serializer for &'a mut Pretty<W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Compound<'a, W>;
    type SerializeTupleStruct = Compound<'a, W>;
    type SerializeTupleVariant = Compound<'a, W>;
    type SerializeMap = Compound<'a, W>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    fn serialize_bool(self, v: bool) -> Result {
        self.w.write_all(if v { b"true" } else { b"false" })?;
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.scalar(v)
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.scalar(v)
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.scalar(v)
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.scalar(v)
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.scalar(v)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.scalar(v)
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.scalar(v)
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.scalar(v)
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.scalar(v)
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.scalar(v)
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.scalar(v)
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.scalar(v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result {
        self.text(v)
    }
    /// An array of numbers, as serde_json writes bytes.
    fn serialize_bytes(self, v: &[u8]) -> Result {
        let mut seq = Compound::new(self, b"[", false)?;
        v.iter().try_for_each(|b| seq.element(b))?;
        seq.end(b"]")
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.w.write_all(b"null")?;
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.open_variant(variant)?;
        value.serialize(&mut *self)?;
        self.close(b"}", false)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, W>> {
        Compound::new(self, b"[", false)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a, W>> {
        Compound::new(self, b"[", false)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a, W>> {
        Compound::new(self, b"[", false)
    }
    fn serialize_tuple_variant(self, _name: &'static str, _index: u32, variant: &'static str, _len: usize) -> Result<Compound<'a, W>> {
        self.open_variant(variant)?;
        Compound::new(self, b"[", true)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, W>> {
        Compound::new(self, b"{", false)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a, W>> {
        Compound::new(self, b"{", false)
    }
    fn serialize_struct_variant(self, _name: &'static str, _index: u32, variant: &'static str, _len: usize) -> Result<Compound<'a, W>> {
        self.open_variant(variant)?;
        Compound::new(self, b"{", true)
    }
}

/// The four sequences serde tells apart (a list, a tuple, a tuple struct,
/// a tuple variant) are all written as a JSON array.
macro_rules! array {
    ($trait:ident, $method:ident) => {
        impl<W: Write> ser::$trait for Compound<'_, W> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
                self.element(value)
            }
            fn end(self) -> Result {
                Compound::end(self, b"]")
            }
        }
    };
}

array!(SerializeSeq, serialize_element);
array!(SerializeTuple, serialize_element);
array!(SerializeTupleStruct, serialize_field);
array!(SerializeTupleVariant, serialize_field);

impl<W: Write> ser::SerializeMap for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        self.next()?;
        key.serialize(Key(&mut *self.ser))
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.ser.w.write_all(b": ")?;
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result {
        Compound::end(self, b"}")
    }
}

/// The two struct-like serde impls: named fields, written as an object.
macro_rules! record {
    ($trait:ident) => {
        impl<W: Write> ser::$trait for Compound<'_, W> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
                self.field(key, value)
            }
            fn end(self) -> Result {
                Compound::end(self, b"}")
            }
        }
    };
}

record!(SerializeStruct);
record!(SerializeStructVariant);

/// A map's key. A text is written here; any other key goes through
/// serde_json (see [`Key::other`]), which quotes a number or a boolean and
/// refuses the rest.
struct Key<'a, W>(&'a mut Pretty<W>);

impl<W: Write> Key<'_, W> {
    /// `key` as serde_json writes the key of an object: the one-entry
    /// object `{key: null}` written compact, without its `{` and `:null}`.
    fn other<T: ?Sized + Serialize>(self, key: &T) -> Result {
        struct One<'k, T: ?Sized>(&'k T);
        impl<T: ?Sized + Serialize> Serialize for One<'_, T> {
            fn serialize<S: ser::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                use ser::SerializeMap;
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry(self.0, &())?;
                m.end()
            }
        }
        let written = serde_json::to_vec(&One(key))?;
        self.0.w.write_all(&written[1..written.len() - b":null}".len()])?;
        Ok(())
    }
}

impl<W: Write> ser::Serializer for Key<'_, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result {
        self.0.text(v)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
        self.0.text(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result {
        self.other(&v)
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.other(&v)
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.other(&v)
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.other(&v)
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.other(&v)
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.other(&v)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.other(&v)
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.other(&v)
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.other(&v)
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.other(&v)
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.other(&v)
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.other(&v)
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.other(&v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.other(&v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        self.other(&serde_bytes_like(v))
    }
    fn serialize_none(self) -> Result {
        self.other(&None::<()>)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        self.other(&Some(value))
    }
    fn serialize_unit(self) -> Result {
        self.other(&())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.other(&())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result {
        Err(not_a_key())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(not_a_key())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(not_a_key())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct> {
        Err(not_a_key())
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant> {
        Err(not_a_key())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(not_a_key())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(not_a_key())
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant> {
        Err(not_a_key())
    }
}

/// Bytes as serde serializes them (`serialize_bytes`), for a key.
fn serde_bytes_like(v: &[u8]) -> impl Serialize + '_ {
    struct Bytes<'b>(&'b [u8]);
    impl Serialize for Bytes<'_> {
        fn serialize<S: ser::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
    Bytes(v)
}

/// serde_json's own refusal of a compound map key.
fn not_a_key() -> Error {
    Error(io::Error::other("key must be a string"))
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use std::collections::BTreeMap;

    /// Ours and serde_json's pretty printer, for one value.
    fn both<T: ?Sized + Serialize>(v: &T) -> (String, String) {
        let mut ours = Vec::new();
        super::write_value(v, &mut ours).unwrap();
        (String::from_utf8(ours).unwrap(), serde_json::to_string_pretty(v).unwrap())
    }

    fn same<T: ?Sized + Serialize + std::fmt::Debug>(v: &T) {
        let (ours, theirs) = both(v);
        assert_eq!(ours, theirs, "{v:?}");
    }

    /// The same bytes as serde_json's own pretty printer, at every depth
    /// (past the indent written at once too), empty arrays and objects
    /// included.
    #[test]
    fn prints_as_serde_json_pretty() {
        let mut deep = serde_json::json!({"lá": [1, 2.5, "a\"b"], "rỗng": [], "trống": {}});
        for i in 0..40 {
            deep = serde_json::json!({ format!("k{i}"): [deep.clone(), {"n": i, "v": null}], "x": true });
        }
        same(&deep);
    }

    /// Texts that must be escaped, wherever the byte to escape falls in the
    /// eight-byte blocks and in texts long and short, come out as
    /// serde_json escapes them; texts it leaves alone (U+2028, letters
    /// beyond the BMP, DEL, Vietnamese) come out as they are.
    #[test]
    fn texts_are_escaped_as_serde_json_escapes_them() {
        let special = ["\"", "\\", "\u{0}", "\n", "\t", "\r", "\u{8}", "\u{c}", "\u{1f}", "\u{1b}"];
        let plain = ["", "a", "/", "\u{7f}", "\u{80}", "\u{2028}", "\u{2029}", "😀", "𝔘", "Bảo hiểm xã hội", " ", "~", "!#", "[", "]"];
        let long = "Bình xét thi đua năm của các Khối, Cụm thi đua ngành BHXH Việt Nam — ".repeat(40);
        let mut texts: Vec<String> = Vec::new();
        for s in special.iter().chain(&plain) {
            for at in 0..=17 {
                for tail in [0, 1, 7, 8, 9] {
                    texts.push(format!("{}{s}{}", "x".repeat(at), "ặ".repeat(tail)));
                }
            }
            texts.push(format!("{long}{s}"));
            texts.push(format!("{s}{long}"));
            texts.push(s.repeat(20));
        }
        texts.push(long.clone());
        // Every byte value that can start or sit in UTF-8, and every
        // character below 0x800.
        texts.push((0u32..0x800).filter_map(char::from_u32).collect());
        for t in &texts {
            same(t);
            // The same text as a key and as a char.
            same(&BTreeMap::from([(t.clone(), 1)]));
        }
        for c in (0u32..0x3000).chain([0x1F600, 0x10FFFF]).filter_map(char::from_u32) {
            let (ours, theirs) = both(&c);
            assert_eq!(ours, theirs, "{c:?}");
        }
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(super::needs_escape(t.as_bytes()), serde_json::to_string(t).unwrap() != format!("\"{t}\""), "{i}: {t:?}");
        }
    }

    /// Every shape serde gives a value: enums of each kind, internally
    /// tagged ones, options, maps with numbers and booleans for keys, tuples,
    /// bytes, numbers of every width, floats that are not finite.
    #[test]
    fn every_shape_as_serde_json() {
        #[derive(Serialize, Debug)]
        enum E {
            Unit,
            New(i32),
            Tuple(u8, String),
            EmptyTuple(),
            Struct { a: Option<f64>, b: Vec<E> },
            EmptyStruct {},
        }
        #[derive(Serialize, Debug)]
        #[serde(tag = "kind", rename_all = "kebab-case")]
        enum Tagged {
            National,
            Cluster { id: String },
        }
        #[derive(Serialize, Debug)]
        struct Unit;
        #[derive(Serialize, Debug)]
        struct New(String);
        #[derive(Serialize, Debug)]
        struct Pair(i64, f32);
        #[derive(Serialize, Debug)]
        struct Inner {
            x: u128,
            y: i128,
        }
        #[derive(Serialize, Debug)]
        struct All {
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
            e: Vec<E>,
            t: Vec<Tagged>,
            unit: Unit,
            new: New,
            pair: Pair,
            tuple: (bool, char, (), Option<()>),
            bytes: bytes::B,
            empty: Vec<u8>,
            floats: Vec<f64>,
            ints: (i8, i16, i32, i64, u8, u16, u32, u64),
            int_keys: BTreeMap<i64, &'static str>,
            bool_keys: BTreeMap<bool, ()>,
            char_keys: BTreeMap<char, u8>,
            #[serde(flatten)]
            flat: Inner,
            value: serde_json::Value,
        }
        mod bytes {
            #[derive(Debug)]
            pub struct B(pub Vec<u8>);
            impl serde::Serialize for B {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_bytes(&self.0)
                }
            }
        }
        let all = All {
            skipped: None,
            e: vec![
                E::Unit,
                E::New(-3),
                E::Tuple(7, "\"q\"".into()),
                E::EmptyTuple(),
                E::Struct { a: Some(0.1), b: vec![E::Unit, E::Struct { a: None, b: vec![] }] },
                E::EmptyStruct {},
            ],
            t: vec![Tagged::National, Tagged::Cluster { id: "khoi-1".into() }],
            unit: Unit,
            new: New("Tờ trình".into()),
            pair: Pair(i64::MIN, 1.5),
            tuple: (false, '"', (), None),
            bytes: bytes::B(vec![0, 1, 255]),
            empty: vec![],
            floats: vec![0.0, -0.0, 1e300, 1e-7, 2.0 / 3.0, 123456.789, f64::NAN, f64::INFINITY, 9007199254740993.0],
            ints: (i8::MIN, i16::MAX, i32::MIN, i64::MAX, u8::MAX, u16::MAX, u32::MAX, u64::MAX),
            int_keys: BTreeMap::from([(-5, "a"), (42, "b")]),
            bool_keys: BTreeMap::from([(true, ())]),
            char_keys: BTreeMap::from([('\n', 1), ('ă', 2)]),
            flat: Inner { x: u128::MAX, y: i128::MIN },
            value: serde_json::json!({"z": [1, -2, 3.25, "x\u{2028}y", {}, []], "a": {"b": null}}),
        };
        same(&all);
        // Keys serde_json refuses are refused here too.
        let bad = BTreeMap::from([(vec![1], 1)]);
        assert!(serde_json::to_string_pretty(&bad).is_err());
        assert!(super::write_value(&bad, Vec::new()).is_err());
    }
}
