//! The core's sentences in the language in use. Each is written once, in English, where it is
//! made, under an id of the page's catalogues (`core.…`): [`msg!`] gives that English, or the
//! text the page set for the id with [`set_texts`] (the Spanish of `www/i18n/es.json`), with
//! its `{name}` places filled. Numbers are formatted by the caller; [`shown`] gives a number's
//! text the decimal separator of the page's region, for display text only (never for links,
//! CSV/JSON or code).
//!
//! A sentence is known by its number: its place in [`CORE_IDS`], the catalogue's `core.` ids
//! sorted (written by the crate's build script). [`msg!`] turns the id into that number at
//! compile time, so the ids are not shipped; the release build's catalogues name the
//! sentences `~<number in base 36>` (`scripts/shortids.mjs`), and debug builds also take the
//! `core.` ids themselves.

use std::cell::{Cell, RefCell};
use std::fmt::Display;

include!(concat!(env!("OUT_DIR"), "/core_ids.rs"));

thread_local! {
    /// `(id, text)` of the language in use for the ids built at run time (`set.…`, `fn.…`);
    /// empty for English.
    static TEXTS: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    /// The text of each sentence of [`CORE_IDS`] in the language in use, by number; empty
    /// for English.
    static SENTENCES: RefCell<Vec<Option<String>>> = const { RefCell::new(Vec::new()) };
    /// The decimal separator of the numbers shown (`.` or `,`).
    static DECIMAL: Cell<char> = const { Cell::new('.') };
}

/// How the release build's catalogues name a sentence: this, then its number in base 36.
pub const SHORT: char = '~';

/// The number [`msg!`] gives an id that the catalogue lacks: that sentence stays English.
pub const UNKNOWN: usize = usize::MAX;

/// The number of the sentence `id` (its place in [`CORE_IDS`]), or [`UNKNOWN`]; evaluated at
/// compile time by [`msg!`].
pub const fn sentence(id: &str) -> usize {
    let mut i = 0;
    while i < CORE_IDS.len() {
        if same(CORE_IDS[i], id) {
            return i;
        }
        i += 1;
    }
    UNKNOWN
}

/// Whether two strings are equal (in a constant).
pub(crate) const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The sentence a catalogue id names: `~1f` in any build, `core.…` in debug builds (which
/// are not renamed); `None` for other ids.
fn sentence_of(id: &str) -> Option<usize> {
    if let Some(n) = id.strip_prefix(SHORT) {
        return usize::from_str_radix(n, 36)
            .ok()
            .filter(|&n| n < CORE_IDS.len());
    }
    #[cfg(debug_assertions)]
    if id.starts_with("core.") {
        return CORE_IDS.binary_search(&id).ok();
    }
    None
}

/// The id of the pair of [`set_texts`]' argument that gives the decimal separator of the
/// numbers shown (`,` in es-ES); without it, a point.
pub const DECIMAL_ID: &str = "number.decimal";

/// Separates an id from its text in [`set_texts`]' argument.
pub const FIELD: char = '\u{1f}';
/// Separates one `id`/`text` pair from the next in [`set_texts`]' argument.
pub const RECORD: char = '\u{1e}';

/// Makes the core speak the language whose texts `pairs` holds: `id`, [`FIELD`], text, then
/// [`RECORD`] before the next pair. An empty string goes back to English. A pair without
/// its separator is skipped. The pair [`DECIMAL_ID`] sets the decimal separator of [`shown`].
pub fn set_texts(pairs: &str) {
    let mut decimal = '.';
    let mut texts = Vec::new();
    let mut sentences = Vec::new();
    for (id, text) in pairs.split(RECORD).filter_map(|p| p.split_once(FIELD)) {
        if id == DECIMAL_ID {
            decimal = if text.starts_with(',') { ',' } else { '.' };
        } else if let Some(n) = sentence_of(id) {
            sentences.resize(CORE_IDS.len(), None);
            sentences[n] = Some(text.to_string());
        } else {
            texts.push((id.to_string(), text.to_string()));
        }
    }
    TEXTS.with(|t| *t.borrow_mut() = texts);
    SENTENCES.with(|s| *s.borrow_mut() = sentences);
    DECIMAL.with(|d| d.set(decimal));
}

/// A number's canonical text (`0.01`, `1.5e-8`) with the decimal separator of the numbers
/// shown: `0,01` where the page writes a decimal comma. For display text only.
pub fn shown(number: &str) -> String {
    match DECIMAL.with(Cell::get) {
        '.' => number.to_string(),
        c => number.replace('.', c.encode_utf8(&mut [0; 4])),
    }
}

/// What separates the numbers of a list shown, e.g. a point's coordinates: `, `, or `; `
/// where the decimal separator is a comma.
pub fn list_separator() -> &'static str {
    if DECIMAL.with(Cell::get) == ',' {
        "; "
    } else {
        ", "
    }
}

/// `template` with each `{name}` of `args` replaced by its value; other braces stay.
#[inline(never)]
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            args.iter()
                .find(|(k, _)| *k == &after[..close])
                .map(|a| (close, a.1))
        });
        match value {
            Some((close, v)) => {
                out.push_str(&v.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of `id` in the language in use, `english` when it has none, with `args` filled.
/// Never inlined: a sentence's call site only gathers its arguments.
#[inline(never)]
pub fn text(id: &str, english: &str, args: &[(&str, &dyn Display)]) -> String {
    TEXTS.with(|t| {
        let t = t.borrow();
        // A few hundred texts, looked up a few times per step shown: a scan is enough.
        let own = t.iter().find(|(k, _)| k == id).map(|(_, v)| v.as_str());
        fill(own.unwrap_or(english), args)
    })
}

/// The text of sentence number `n` (see [`sentence`]) in the language in use, `english`
/// when it has none, with `args` filled. Never inlined, as [`text`].
#[inline(never)]
pub fn sentence_text(n: usize, english: &str, args: &[(&str, &dyn Display)]) -> String {
    SENTENCES.with(|s| {
        let s = s.borrow();
        fill(s.get(n).and_then(Option::as_deref).unwrap_or(english), args)
    })
}

/// A sentence of the core: `msg!("core.id", "English with {x}", x = value)`. The id is a
/// key of the page's catalogues, turned into the sentence's number at compile time; the
/// English is that id's English (the only copy).
#[macro_export]
macro_rules! msg {
    ($id:literal, $english:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        const SENTENCE: usize = $crate::text::sentence($id);
        $crate::text::sentence_text(SENTENCE, $english, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*])
    }};
}

/// Every text of the page's Spanish catalogue (`www/i18n/es.json`) in the form
/// [`set_texts`] takes, with a decimal comma: for tests of the Spanish sentences.
#[cfg(test)]
pub(crate) fn spanish_texts() -> String {
    let es = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../www/i18n/es.json"
    ))
    .unwrap();
    let mut pairs = vec![format!("{DECIMAL_ID}{FIELD},")];
    for line in es.lines().filter_map(|l| l.trim().strip_prefix('"')) {
        let Some((id, text)) = line.split_once("\": \"") else {
            continue;
        };
        let text = text.trim_end_matches(',').trim_end_matches('"');
        let text = text
            .replace("\\n", "\n")
            .replace("\\\"", "\"")
            .replace("\\\\", "\\");
        pairs.push(format!("{id}{FIELD}{text}"));
    }
    pairs.join(&RECORD.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_unless_a_text_is_set_and_places_filled() {
        set_texts("");
        let n = 3;
        assert_eq!(
            msg!(
                "core.arith.accepted",
                "{n} steps of {who}",
                n = n,
                who = "gd"
            ),
            "3 steps of gd"
        );
        set_texts("core.arith.accepted\u{1f}{who}: {n} pasos\u{1e}core.arith.armijo\u{1f}b");
        assert_eq!(
            msg!(
                "core.arith.accepted",
                "{n} steps of {who}",
                n = n,
                who = "gd"
            ),
            "gd: 3 pasos"
        );
        assert_eq!(
            msg!("core.test.c", "c {x}", x = 1.5),
            "c 1.5",
            "an id the catalogue lacks stays English"
        );
        assert_eq!(fill("{a} {unknown} {", &[("a", &1)]), "1 {unknown} {");
        set_texts("");
        assert_eq!(msg!("core.arith.accepted", "{n} steps", n = 2), "2 steps");
    }

    /// `n` in base 36, as the release build's catalogues write a sentence's number.
    fn base36(mut n: usize) -> String {
        let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let mut out = Vec::new();
        loop {
            out.push(digits[n % 36]);
            n /= 36;
            if n == 0 {
                break;
            }
        }
        out.reverse();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_sentence_is_known_by_its_number_in_the_sorted_core_ids() {
        assert!(
            CORE_IDS.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        let n = sentence("core.arith.armijo");
        assert_eq!(CORE_IDS[n], "core.arith.armijo");
        assert_eq!(sentence("core.no.such.id"), UNKNOWN);
        set_texts(&format!("{SHORT}{}\u{1f}corta", base36(n)));
        assert_eq!(msg!("core.arith.armijo", "long"), "corta");
        set_texts("~zzzz\u{1f}x\u{1e}~\u{1f}y\u{1e}~-1\u{1f}z");
        assert_eq!(
            msg!("core.arith.armijo", "long"),
            "long",
            "numbers out of range are ignored"
        );
        set_texts("");
    }

    #[test]
    fn the_decimal_pair_sets_the_separator_of_numbers_shown() {
        set_texts("number.decimal\u{1f},\u{1e}core.arith.accepted\u{1f}a");
        assert_eq!((shown("0.01"), list_separator()), ("0,01".into(), "; "));
        assert_eq!(
            msg!("core.arith.accepted", "A"),
            "a",
            "the other pairs still count"
        );
        set_texts("number.decimal\u{1f}.");
        assert_eq!((shown("0.01"), list_separator()), ("0.01".into(), ", "));
        set_texts("number.decimal\u{1f},");
        set_texts("");
        assert_eq!(shown("1.5e-8"), "1.5e-8", "English writes a point");
    }

    /// Every `msg!` id of the core's sources has a Spanish text in the page's catalogue with
    /// the same places, and every `core.` id of that catalogue is a `msg!` of the core.
    #[test]
    fn every_message_has_its_spanish_text() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let es = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../www/i18n/es.json"
        ))
        .unwrap();
        let mut ids = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("text.rs") {
                    let src = std::fs::read_to_string(&p).unwrap();
                    for (i, _) in src.match_indices("msg!(") {
                        let rest = src[i + 5..].trim_start();
                        let Some(rest) = rest.strip_prefix('"').filter(|r| r.starts_with("core."))
                        else {
                            continue;
                        };
                        let id = &rest[..rest.find('"').unwrap()];
                        let english =
                            rest[id.len() + 1..].trim_start_matches([',', ' ', '\n', '"']);
                        let english = &english[..english.find('"').unwrap()];
                        ids.push((id.to_string(), english.to_string(), p.display().to_string()));
                    }
                }
            }
        }
        assert!(ids.len() > 10, "{} messages found", ids.len());
        let places = |s: &str| {
            let mut v: Vec<String> = s
                .match_indices('{')
                .filter_map(|(i, _)| s[i + 1..].split_once('}').map(|(k, _)| k.to_string()))
                .filter(|k| k.chars().all(|c| c.is_alphanumeric() || c == '_'))
                .collect();
            v.sort();
            v
        };
        for (id, english, file) in &ids {
            let key = format!("\"{id}\": \"");
            let at = es
                .find(&key)
                .unwrap_or_else(|| panic!("{id} ({file}) has no Spanish text in www/i18n/es.json"));
            let spanish = &es[at + key.len()..];
            let spanish = &spanish[..spanish
                .find("\",\n")
                .or_else(|| spanish.find("\"\n"))
                .unwrap()];
            assert_eq!(
                places(english),
                places(spanish),
                "{id}: the Spanish has other places"
            );
        }
        for (i, _) in es.match_indices("\"core.") {
            let id = &es[i + 1..];
            let id = &id[..id.find('"').unwrap()];
            assert!(
                ids.iter().any(|(k, _, _)| k == id),
                "{id} of es.json is no message of the core"
            );
        }
    }
}
