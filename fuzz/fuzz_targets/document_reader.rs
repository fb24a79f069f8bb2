//! Every document reader (PDF, web page, web archive, Word, EPUB, Markdown, plain text in any
//! encoding) on arbitrary bytes, the format chosen by the input's first byte through the file
//! name's extension, as a dropped file would be; the sniffer sees the same bytes.
#![no_main]

use caspian_atlas::import::read_bytes;
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "fuzz.pdf",
    "fuzz.html",
    "fuzz.mhtml",
    "fuzz.docx",
    "fuzz.epub",
    "fuzz.md",
    "fuzz.txt",
    "fuzz",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(which) % NAMES.len()];
    if let Ok(doc) = read_bytes(name, bytes, None) {
        let _ = doc.passages.len();
    }
});
