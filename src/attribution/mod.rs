//! Step 5 of the pipeline: attribution — who claims each place.
//!
//! Not yet implemented: every mention carries an empty [`Attribution`]
//! (exported as null values) until the attribution issue lands.

/// Direct quotation, reported speech, or the narrator's own voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributionKind {
    /// Inside quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// No source: the text's own voice.
    Narrator,
}

impl AttributionKind {
    /// The name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Direct => "direct",
            AttributionKind::Indirect => "indirect",
            AttributionKind::Narrator => "narrator",
        }
    }
}

/// Who a mention is attributed to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attribution {
    /// The resolved source (full name).
    pub source: Option<String>,
    /// The source as written in this sentence or quotation.
    pub text: Option<String>,
    /// The cue ("said", "according to").
    pub cue: Option<String>,
    /// Direct, indirect or narrator.
    pub kind: Option<AttributionKind>,
    /// Sources quoting sources, outermost first.
    pub chain: Vec<String>,
}
