//! Dates: the reference date and statement dates (to be written).
use super::{EngineError, PartialDate};
pub fn parse_published(raw: &str) -> Result<PartialDate, EngineError> {
    Err(EngineError::InvalidPublished {
        value: raw.to_string(),
    })
}
pub fn find_dateline(_text: &str) -> Option<PartialDate> {
    None
}
