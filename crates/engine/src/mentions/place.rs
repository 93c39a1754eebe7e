//! A place's state or country set off by commas after it: "in Elm Park,
//! Oregon, said", "the mayor of Elm Park, Ore., in the 1990s".
//!
//! Wire copy writes a town with its state or country after a comma, and a
//! comma is otherwise where a speaker phrase, an introductory phrase or a
//! reported clause ends; so the rules that stop at a comma ask here first
//! whether it only sets off the second half of a place ("Speaking in Elm
//! Park, Oregon, Ruiz said" must not give the speaker "Oregon", nor "said
//! in Elm Park, Oregon" the content "Oregon").

use super::View;
use crate::lexicon::{Class, words};
use crate::text::TokKind;

/// The most words of a state or country after a place ("N.H.", "New
/// South Wales").
const MAX_PLACE_STATE: usize = 3;

impl View<'_> {
    /// When the comma at `k` sets off the state or country of the place
    /// before it (a capitalised word before the comma, then one to three
    /// words naming a state or country, then a mark or the end `e`): the
    /// token after those words. `None` in a list of places ("in Elm Park, Ohio,
    /// Utah and …").
    pub(crate) fn state_after_place(&self, k: usize, e: usize) -> Option<usize> {
        let capitalised_word = |i: usize| {
            let t = &self.tokens[i];
            t.cap && t.kind == TokKind::Word && t.in_quote.is_none()
        };
        if k == 0 || !self.tokens[k].is_comma() || !capitalised_word(k - 1) {
            return None;
        }
        let run = (k + 1..e)
            .take(MAX_PLACE_STATE + 1)
            .take_while(|&i| capitalised_word(i))
            .count();
        let end = k + 1 + run;
        let closed = end == e || self.tokens[end].kind == TokKind::Punct;
        let list_goes_on = self.tokens[end..e].first().is_some_and(|t| t.is_comma())
            && self.list_item_follows(end + 1, e);
        // The word lists last: the rest is cheaper, and most commas fail it.
        ((1..=MAX_PLACE_STATE).contains(&run)
            && closed
            && !list_goes_on
            && self.names_state(k + 1, end))
        .then_some(end)
    }

    /// The words `[s, e)` name a state or country (`place-states.txt`,
    /// `state-abbreviations.txt`): "New Hampshire", "Ore", "N.H.". A
    /// name of several words is joined by single spaces, as the lists
    /// write it (one word, the usual case, is looked up as it stands).
    fn names_state(&self, s: usize, e: usize) -> bool {
        let joined;
        let name = if e == s + 1 {
            self.s(s)
        } else {
            joined = (s..e).map(|k| self.s(k)).collect::<Vec<_>>().join(" ");
            joined.as_str()
        };
        let name = name.strip_suffix('.').unwrap_or(name);
        words::is_place_states(name) || words::is_state_abbreviations(name)
    }

    /// "Ohio, Utah, Iowa and …": from `k`, a capitalised word or two and then
    /// a comma or a conjunction: the next item of a list.
    fn list_item_follows(&self, k: usize, e: usize) -> bool {
        let run = (k..e)
            .take(MAX_PLACE_STATE + 1)
            .take_while(|&i| self.tokens[i].cap && self.tokens[i].kind == TokKind::Word)
            .count();
        let next = k + run;
        run > 0
            && next < e
            && (self.tokens[next].is_comma() || self.tokens[next].class == Class::Conj)
    }
}
