//! What a punctuation mark is, decided once by the tokenizer.
//!
//! The rules of every stage ask the same questions of punctuation (is this
//! a dash? a comma? does it end a sentence?), and news writes the same
//! mark several ways: an em dash "—", an en dash "–", or two hyphens "--"
//! where the keyboard had no dash. Spelling those sets out at each rule
//! let them drift apart; here each punctuation token gets its [`Punct`]
//! once, and a rule asks `token.is_dash()`.

/// The class of a punctuation token (one character, or "--").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Punct {
    /// An em or en dash, or two hyphens standing for one: "—", "–", "--".
    Dash,
    /// A hyphen standing alone ("- "), not inside a word.
    Hyphen,
    Comma,
    Colon,
    Semicolon,
    /// A full stop.
    Stop,
    Question,
    Exclamation,
    /// "…"
    Ellipsis,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    /// Any other punctuation or symbol.
    Other,
}

impl Punct {
    /// The class of the punctuation token made of the character `c`, or
    /// of two hyphens when `doubled` ("--"): the tokenizer has the
    /// character in hand, so the mark's text is never sliced and compared,
    /// and an ASCII mark (most of them) is one load from [`ASCII_PUNCT`].
    #[inline]
    pub(crate) fn of_char(c: char, doubled: bool) -> Punct {
        if doubled {
            return Punct::Dash;
        }
        match u8::try_from(c) {
            Ok(b) if b.is_ascii() => ASCII_PUNCT[usize::from(b)],
            _ => match c {
                '—' | '–' => Punct::Dash,
                '…' => Punct::Ellipsis,
                _ => Punct::Other,
            },
        }
    }

    /// A full stop, question or exclamation mark, or an ellipsis.
    pub(crate) fn ends_sentence(self) -> bool {
        matches!(
            self,
            Punct::Stop | Punct::Question | Punct::Exclamation | Punct::Ellipsis
        )
    }

    /// ")" or "]".
    pub(crate) fn closes_bracket(self) -> bool {
        matches!(self, Punct::CloseParen | Punct::CloseBracket)
    }
}

/// The class of every ASCII character as a punctuation token of its own.
static ASCII_PUNCT: [Punct; 128] = {
    let mut table = [Punct::Other; 128];
    table[b'-' as usize] = Punct::Hyphen;
    table[b',' as usize] = Punct::Comma;
    table[b':' as usize] = Punct::Colon;
    table[b';' as usize] = Punct::Semicolon;
    table[b'.' as usize] = Punct::Stop;
    table[b'?' as usize] = Punct::Question;
    table[b'!' as usize] = Punct::Exclamation;
    table[b'(' as usize] = Punct::OpenParen;
    table[b')' as usize] = Punct::CloseParen;
    table[b'[' as usize] = Punct::OpenBracket;
    table[b']' as usize] = Punct::CloseBracket;
    table
};

/// The characters that make a dash token on their own (the tokenizer also
/// makes one of "--").
pub(crate) fn is_dash_char(c: char) -> bool {
    matches!(c, '—' | '–')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn the_ascii_table_names_each_mark_as_written() {
        let named = [
            ("--", Punct::Dash),
            ("—", Punct::Dash),
            ("–", Punct::Dash),
            ("-", Punct::Hyphen),
            (",", Punct::Comma),
            (":", Punct::Colon),
            (";", Punct::Semicolon),
            (".", Punct::Stop),
            ("?", Punct::Question),
            ("!", Punct::Exclamation),
            ("…", Punct::Ellipsis),
            ("(", Punct::OpenParen),
            (")", Punct::CloseParen),
            ("[", Punct::OpenBracket),
            ("]", Punct::CloseBracket),
        ];
        let mut marks: Vec<char> = (0u8..0x80).map(char::from).collect();
        marks.extend(['—', '–', '…', '“', '•', '/']);
        for c in marks {
            let text = c.to_string();
            let expected = named
                .iter()
                .find(|(m, _)| *m == text)
                .map_or(Punct::Other, |&(_, p)| p);
            assert_eq!(Punct::of_char(c, false), expected, "{c:?}");
        }
        assert_eq!(Punct::of_char('-', true), Punct::Dash);
    }

    #[test]
    fn every_dash_spelling_is_one_class() {
        let text = "a — b – c -- d - e, f";
        let (tokens, _) = tokenize(text);
        let dashes: Vec<_> = tokens
            .iter()
            .filter(|t| t.is_dash())
            .map(|t| t.span().slice(text))
            .collect();
        assert_eq!(dashes, ["—", "–", "--"]);
        let hyphen = tokens.iter().find(|t| t.span().slice(text) == "-");
        assert_eq!(hyphen.and_then(|t| t.punct()), Some(Punct::Hyphen));
        assert!(tokens.iter().filter(|t| t.is_comma()).count() == 1);
        assert!(
            tokens
                .iter()
                .all(|t| t.kind == crate::text::TokKind::Punct || t.punct().is_none())
        );
    }
}
