//! The frame rules, in the order the driver tries them.
//!
//! A sentence is read left to right. At each token outside quotation marks
//! the driver asks the rules of [`RULES`] in order; the first whose
//! `applies` holds and whose `run` finds its frame reports the frame's
//! statements, and reading resumes after the frame (nothing before it is
//! read again). When no rule finds a frame the driver moves one token on.
//!
//! **The order is significant** wherever two rules share a trigger token;
//! the first to find its frame wins, and the frames it covers are never
//! read again:
//!
//! * at a lower-case "that", `statement-noun` before `belief-that`: in "the
//!   claim that …" the noun owns the clause, and only a word before "that"
//!   that is no statement noun may be a verb ("believes that");
//! * at a cue, `question` before `passive` before `cue`: "Asked about X, …"
//!   opening the sentence is a question put to its subject, "was criticized
//!   by X" a passive whose subject is content rather than speaker, and only
//!   what is neither is an active "X said" frame;
//! * `raising` and `evidential` before the cue rules: a form of "seem" or
//!   "appear" is read as a raising verb, and "reportedly" as an evidential
//!   adverb, even where the cue model marks them;
//! * `according-to` and `topic` first: their triggers are fixed words
//!   ("according", four prepositions) that no other rule should read;
//!   `headline-label` is the only rule a colon starts.
//!
//! Each rule lives in a file of its family; the names are stable, so that a
//! statement can later say which rule made it. A rule reads its frame in
//! phases, each a function that decides one thing (is this a frame at all,
//! who speaks, where the content is) and says why in its doc comment, so
//! that a wrong statement can be traced to the one decision that made it;
//! the cue rule, which has the most phases, keeps them in files of their
//! own under `cue/`. `phrases` holds the phrase helpers several rules share,
//! and `closing` the test the cue and that-clause rules share: a verb inside
//! a clause that a frame closing the sentence reports ("The findings
//! suggest …, said Lena Fisk.") starts no frame of its own.

mod according_to;
mod belief;
mod closing;
mod cue;
mod evidential;
mod headline_label;
mod passive;
mod phrases;
mod raising;
mod topic;

use crate::attribution::frame::{FrameContext, FrameRule, Trigger};

/// The frame rules, in the order they are tried (see the module docs: the
/// order decides which frame a token starts).
pub(crate) static RULES: &[FrameRule] = &[
    FrameRule {
        name: "according-to",
        trigger: Trigger::ACCORDING,
        applies: according_to::applies,
        run: according_to::according_to,
    },
    FrameRule {
        name: "topic",
        trigger: Trigger::PREPOSITION,
        applies: topic::applies,
        run: topic::topic_frame,
    },
    FrameRule {
        name: "headline-label",
        trigger: Trigger::COLON,
        applies: headline_label::applies,
        run: headline_label::headline_label,
    },
    FrameRule {
        name: "statement-noun",
        trigger: Trigger::THAT,
        applies: belief::applies_statement_noun,
        run: belief::nominal_frame,
    },
    FrameRule {
        name: "belief-that",
        trigger: Trigger::THAT,
        applies: belief::applies_that_clause,
        run: belief::that_clause,
    },
    FrameRule {
        name: "raising",
        trigger: Trigger::RAISING_VERB,
        applies: raising::applies,
        run: raising::raising_frame,
    },
    FrameRule {
        name: "evidential",
        trigger: Trigger::EVIDENTIAL,
        applies: evidential::applies,
        run: evidential::evidential_frame,
    },
    FrameRule {
        name: "question",
        trigger: Trigger::CUE,
        applies: passive::applies_question,
        run: passive::question_frame,
    },
    FrameRule {
        name: "passive",
        trigger: Trigger::CUE,
        applies: passive::applies_passive,
        run: passive::passive_frame,
    },
    FrameRule {
        name: "cue",
        trigger: Trigger::CUE,
        applies: cue::applies,
        run: cue::run,
    },
];

/// The first rule that finds a frame at `fc.at`: the token where reading
/// resumes after it.
#[inline]
pub(crate) fn first_frame(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let kinds = Trigger::of(fc.token(), fc.view().text);
    if kinds.is_none() {
        return None;
    }
    RULES.iter().find_map(|rule| {
        if kinds.has(rule.trigger) && (rule.applies)(fc) {
            (rule.run)(fc)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::RULES;

    #[test]
    fn rules_are_listed_by_name_in_order() {
        assert_eq!(
            format!("{RULES:?}"),
            "[according-to, topic, headline-label, statement-noun, belief-that, raising, evidential, question, passive, cue]"
        );
    }
}
