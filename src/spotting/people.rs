//! Document-level evidence about people's names: a capitalised word that is
//! followed by a speech verb ("Bingham said"), an age ("Henry, 19,"), or
//! stands after a title or ", said" is a person in that document, and so is
//! the second word of "Given Surname" when the surname is one of those, a
//! word after a noun of family ties ("her husband Kanye") and a word joined
//! by "and" to a person ("Lord and Levi"). A word that also appears with
//! place context ("in X", "X County") keeps its place reading.

use super::{
    in_list, is_common_word, is_given_name, CALENDAR, LOCAL_HEADS, NAME_PARTICLES, ORG_HEADS,
    PLACE_WORDS, TITLES,
};
use crate::text::{Sep, Token};
use foldhash::{HashMap, HashSet};

/// Verbs that follow a speaker's (or a living person's) name.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "noted",
    "asked",
    "explained",
    "stated",
    "recalled",
    "testified",
    "argued",
    "insisted",
    "warned",
    "admitted",
    "acknowledged",
    "replied",
    "agreed",
    "continued",
    "claimed",
    "believes",
    "thinks",
    "knows",
    "wants",
    "announced",
    "tweeted",
    // verbs of a living person ("Lincoln lived", "Lincoln visited")
    "lived",
    "visited",
    "died",
    "married",
    "smiled",
    "laughed",
];

/// Words before a place: "in X", "near X".
pub(crate) const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "outside",
    "across",
    "toward",
    "towards",
    "into",
    "throughout",
    "around",
    "to",
    "through",
    "via",
    "inside",
];

/// What one document says about people's names.
#[derive(Debug, Default, Clone)]
pub struct PeopleCues {
    /// For each word key: the evidence that it is a person's name here and
    /// that it has place context, in half votes (a cue counts 2, a weak
    /// place context such as "to X" counts 1).
    votes: HashMap<String, (u32, u32)>,
    /// Word keys written right after a given name ("Lin-Manuel Miranda").
    surnames: HashSet<String>,
}

/// Nouns of family ties: the capitalised word right after one is a person
/// ("her husband Kanye", "his son Sebastian").
const KINSHIP: &[&str] = &[
    "aunt",
    "boyfriend",
    "brother",
    "cousin",
    "daughter",
    "daughters",
    "father",
    "fiance",
    "fiancee",
    "girlfriend",
    "godfather",
    "godmother",
    "granddaughter",
    "grandfather",
    "grandmother",
    "grandson",
    "husband",
    "mother",
    "nephew",
    "niece",
    "sister",
    "son",
    "sons",
    "stepdaughter",
    "stepson",
    "uncle",
    "wife",
];

/// Capitalised nouns of groups and roles that speak in news ("Police
/// said", "Democrats say"): no person's name, so the word before them is no
/// given name.
const BODIES: &[&str] = &[
    "authorities",
    "democrat",
    "democrats",
    "deputies",
    "officials",
    "officers",
    "republican",
    "republicans",
    "residents",
    "spokesman",
    "spokeswoman",
    "troopers",
];

/// Words for a person's family after a possessive ("Lucy's parents"),
/// beside [`KINSHIP`].
const FAMILY: &[&str] = &[
    "dad",
    "grandparents",
    "mom",
    "mum",
    "parents",
    "siblings",
    "stepfather",
    "stepmother",
];

impl PeopleCues {
    /// Reads the cues of a document's tokens.
    pub fn of(tokens: &[Token], text: &str) -> PeopleCues {
        let mut c = PeopleCues::default();
        for (k, t) in tokens.iter().enumerate() {
            if !t.capitalized || t.all_caps {
                continue;
            }
            let prev = k.checked_sub(1).map(|j| &tokens[j]);
            let next = tokens.get(k + 1);
            if prev.is_some_and(|p| {
                in_list(LOCATIVES, &p.key) && !p.capitalized && t.sep == Sep::Space
            }) || next.is_some_and(|n| {
                n.sep == Sep::Space
                    && in_list(PLACE_WORDS, &n.key)
                    && (n.capitalized || division_word_after_name(tokens, k + 1))
            }) {
                // "to" also leads to people ("a testament to Trapani", "came
                // to Trapani"): half a vote (votes are counted in halves)
                let weak = prev.is_some_and(|p| p.key == "to")
                    && !next.is_some_and(|n| in_list(PLACE_WORDS, &n.key));
                c.votes.entry(t.key.clone()).or_default().1 += if weak { 1 } else { 2 };
            }
            let gap_after = next.map(|n| &text[t.end..n.start]).unwrap_or("");
            let speech = next.is_some_and(|n| n.sep == Sep::Space && in_list(SPEECH_VERBS, &n.key))
                && !prev.is_some_and(|p| in_list(LOCATIVES, &p.key) || p.key == "of")
                && !in_locative_list(tokens, text, k);
            let age = next.is_some_and(|n| {
                gap_after.trim() == ","
                    && n.key.bytes().all(|b| b.is_ascii_digit())
                    && n.key.len() <= 3
            });
            let titled = prev.is_some_and(|p| {
                p.capitalized && in_list(TITLES, &p.key) && matches!(t.sep, Sep::Space | Sep::Dot)
            }) || (k >= 2 && {
                // "President Barack Obama": the family name after the title
                // and a given name
                let (title, given) = (&tokens[k - 2], &tokens[k - 1]);
                title.capitalized
                    && in_list(TITLES, &title.key)
                    && given.capitalized
                    && !given.all_caps
                    && !given.possessive
                    && !is_common_word(&given.key)
                    && given.sep == Sep::Space
                    && t.sep == Sep::Space
            });
            let after_said = prev.is_some_and(|p| {
                (p.key == "said" || p.key == "says")
                    && k >= 2
                    && text[tokens[k - 2].end..p.start].contains(',')
            });
            // "Kelly, who took the job": "who" follows people, not places
            // ("Mosul, which"); "residents of Mosul, who" is about the
            // residents, so not after "of" or a locative
            let who = next.is_some_and(|n| n.key == "who" && gap_after.trim() == ",")
                && !prev.is_some_and(|p| in_list(LOCATIVES, &p.key) || p.key == "of");
            // "Lucy's father", "Emma's parents": a name with a family
            let family = t.possessive
                && next.is_some_and(|n| {
                    !n.capitalized
                        && n.sep == Sep::Space
                        && (in_list(KINSHIP, &n.key) || in_list(FAMILY, &n.key))
                });
            // "Oxford Police said", "the Decatur Democrat said": a body or a
            // party speaks, and the name before it is no given name
            let body = || {
                in_list(ORG_HEADS, &t.key)
                    || in_list(LOCAL_HEADS, &t.key)
                    || in_list(BODIES, &t.key)
            };
            if (speech || age || titled || after_said || who || family) && !body() {
                c.vote_person(&t.key);
            }
        }
        // "Given Surname": the word before a known surname is a given name
        for k in 1..tokens.len() {
            let (g, s) = (&tokens[k - 1], &tokens[k]);
            if c.is_named_person(&s.key)
                && s.sep == Sep::Space
                && g.capitalized
                && !g.all_caps
                && !is_common_word(&g.key)
            {
                c.vote_person(&g.key);
            }
        }
        // "Elizabeth Fairfield", "Matthew D. Flores": the word after a
        // census given name (or after a given name and a middle initial) is
        // a surname in this document, unless it is a common word, a place
        // word ("Virginia Beach") or an organisation's head. It runs after
        // the rule above so that "Florence Smith" does not make "Florence"
        // a person everywhere.
        for k in 1..tokens.len() {
            let s = &tokens[k];
            if !s.capitalized
                || s.all_caps
                || is_common_word(&s.key)
                || in_list(PLACE_WORDS, &s.key)
                || in_list(ORG_HEADS, &s.key)
            {
                continue;
            }
            let given = match s.sep {
                Sep::Space => Some(k - 1),
                Sep::Dot if k >= 2 => {
                    let i = &tokens[k - 1];
                    (i.key.len() == 1 && i.capitalized && i.sep == Sep::Space).then_some(k - 2)
                }
                _ => None,
            };
            // a sentence's first word is capitalised anyway: there a given
            // name that is also a common word ("In", "Will", "May") is the word
            let given = given
                .map(|g| (g, &tokens[g]))
                .filter(|(g, t)| {
                    let initial = *g == 0
                        || text.get(tokens[g - 1].end..t.start).is_none_or(|gap| {
                            gap.contains(['.', '!', '?', '\n', ':', '"', '“', '«', '(', '—'])
                        });
                    !(initial && is_common_word(&t.key))
                })
                .map(|(_, t)| t);
            if let Some(g) = given.filter(|g| given_name_token(g)) {
                c.vote_person(&s.key);
                // a given name that is also a common word or a day ("In
                // Iowa Wind Farm", "Sunday Alexandria Police") is not
                // evidence enough against a country or province
                if !is_common_word(&g.key) && !in_list(CALENDAR, &g.key) {
                    c.surnames.insert(s.key.clone());
                }
            }
        }
        // "Lord and Levi": a capitalised word joined by "and" to a person's
        // name is a person too
        for k in 2..tokens.len() {
            let (a, and, b) = (&tokens[k - 2], &tokens[k - 1], &tokens[k]);
            if and.key == "and"
                && !and.capitalized
                && and.sep == Sep::Space
                && b.sep == Sep::Space
                && a.capitalized
                && !a.possessive
                && b.capitalized
                && !b.all_caps
                && !is_common_word(&b.key)
                && c.is_person(&a.key)
                && tokens.get(k + 1).is_none_or(|n| {
                    // not "Smith and Wesson Road", "Jones and Wall Street"
                    let name_goes_on = n.capitalized && n.sep == Sep::Space;
                    !(name_goes_on || in_list(PLACE_WORDS, &n.key))
                })
            {
                c.vote_person(&b.key);
            }
        }
        c
    }

    fn vote_person(&mut self, key: &str) {
        self.votes.entry(key.to_string()).or_default().0 += 2;
    }

    /// True when `key` is used as a person's name somewhere in the
    /// document, whatever else it is.
    pub fn is_named_person(&self, key: &str) -> bool {
        self.votes.get(key).is_some_and(|v| v.0 > 0)
    }

    /// True when `key` is a person's name here by two cues or more, and by
    /// more cues than it has place context.
    pub fn is_mostly_person(&self, key: &str) -> bool {
        self.votes
            .get(key)
            .is_some_and(|&(person, place)| person >= 4 && person > place)
    }

    /// True when `key` is written right after a given name somewhere in
    /// the document ("Lin-Manuel Miranda").
    pub fn is_surname(&self, key: &str) -> bool {
        self.surnames.contains(key)
    }

    /// True when `key` also appears with place context ("in X", "X County").
    pub fn has_place_context(&self, key: &str) -> bool {
        self.votes.get(key).is_some_and(|v| v.1 > 0)
    }

    /// True when `key` is a person's name here: a word with both kinds of
    /// evidence is a person when it is more often one ("John Kelly", "Kelly
    /// said", "Kelly told" against "lashed out at Kelly").
    pub fn is_person(&self, key: &str) -> bool {
        self.votes
            .get(key)
            .is_some_and(|&(person, place)| person > place)
    }
}

/// True when the token at `k` ends a list of capitalised names that a
/// preposition of place opens: "in Kirkuk and Hawija", "near Tikrit,
/// Baiji or Hawija" ("Fighting in Kirkuk and Hawija continued" is not
/// Hawija speaking).
fn in_locative_list(tokens: &[Token], text: &str, k: usize) -> bool {
    let mut j = k;
    while j > 0 && k - j < 12 {
        let p = &tokens[j - 1];
        let gap = text.get(p.end..tokens[j].start).unwrap_or("").trim();
        if !p.capitalized && (p.key == "and" || p.key == "or") && gap.is_empty() {
            j -= 1;
            continue;
        }
        if p.capitalized && (gap.is_empty() || gap == ",") {
            j -= 1;
            continue;
        }
        return j < k && !p.capitalized && in_list(LOCATIVES, &p.key) && gap.is_empty();
    }
    false
}

/// True when the lower-case word at `k` is a division word that ends a
/// name: "the Somme region", "Basra province", but not "the Spanish region
/// of Catalonia", where the word before is an adjective.
fn division_word_after_name(tokens: &[Token], k: usize) -> bool {
    const DIVISIONS: &[&str] = &["province", "governorate", "county", "district", "region"];
    in_list(DIVISIONS, &tokens[k].key) && tokens.get(k + 1).is_none_or(|n| n.key != "of")
}

/// True when the token at `k` directly follows a given name that is no
/// common word ("Andrew Jordan", "Lin-Manuel Miranda"): a surname, even
/// when it is also a country's name.
pub fn after_given_name(tokens: &[Token], k: usize) -> bool {
    k > 0 && tokens[k].sep == Sep::Space && {
        let g = &tokens[k - 1];
        given_name_token(g) && !is_common_word(&g.key) && !in_list(CALENDAR, &g.key)
    }
}

/// True when the capitalised token at `k` directly follows a lower-case
/// noun of family ties ("her husband Kanye", "his son Sebastian").
pub fn after_kinship_word(tokens: &[Token], k: usize) -> bool {
    k > 0 && tokens[k].sep == Sep::Space && tokens[k].capitalized && {
        let w = &tokens[k - 1];
        !w.capitalized && !w.possessive && in_list(KINSHIP, &w.key)
    }
}

/// A capitalised census given name as written before a surname; "Al" and
/// "An" are given names in the census lists, and the articles of romanised
/// names ("Al Mosul", "An Najaf").
fn given_name_token(g: &Token) -> bool {
    g.capitalized && !g.all_caps && !g.possessive && is_given_name(&g.key) && !super::is_article(g)
}

/// True when the token after `k` starts "C. Surname" (a middle initial).
pub fn before_initial(tokens: &[Token], k: usize) -> bool {
    match (tokens.get(k + 1), tokens.get(k + 2)) {
        (Some(i), Some(s)) => {
            // "James C. Verduin", not "Charleston, W.Va."
            i.sep == Sep::Space
                && i.key.len() == 1
                && i.capitalized
                && s.sep == Sep::Dot
                && s.capitalized
        }
        _ => false,
    }
}

/// True when the particle form "bin", "al" … makes the word after `k` a family name.
pub fn is_particle(key: &str) -> bool {
    in_list(NAME_PARTICLES, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn a_word_after_a_given_name_is_a_surname_in_the_document() {
        // (text, key, is a person in the document)
        let cases = [
            (
                "Elizabeth Fairfield was charged. Fairfield's lawyer spoke.",
                "fairfield",
                true,
            ),
            (
                "Who killed Matthew D. Flores? Flores was 19.",
                "flores",
                true,
            ),
            ("Rebecca Mays sat on the stage.", "mays", true),
            // the word before a known surname is a given name, and a
            // person wherever it stands alone
            ("Ostrik Lenz said no. Later Ostrik left.", "ostrik", true),
            // a common-word given name inside a sentence still counts
            (
                "The chief of staff, John Kelly, spoke; Kelly left.",
                "kelly",
                true,
            ),
            // a place word, a common word, an organisation
            ("Virginia Beach officials met.", "beach", false),
            ("On Sunday Mary Heights and others met.", "heights", false),
            ("Kent State University is there.", "state", false),
            // the given name itself does not become a person
            (
                "Florence Smith spoke. Florence is a city.",
                "florence",
                false,
            ),
            // place context wins a tie or a majority …
            (
                "She lives in Fairfield. Elizabeth Fairfield is her aunt.",
                "fairfield",
                false,
            ),
            (
                "Kelly said hi. Crowds met in Kelly and near Kelly.",
                "kelly",
                false,
            ),
            // "to" is half a vote: two of them tie with a person's cue …
            (
                "Kelly said hi. Crowds went to Kelly and to Kelly.",
                "kelly",
                false,
            ),
            // … one does not
            (
                "Andrew Trapani works hard, a testament to Trapani's will.",
                "trapani",
                true,
            ),
            // … and loses to more evidence of a person
            (
                "Chief of staff John Kelly spoke. Kelly said no. Trump lashed out at Kelly.",
                "kelly",
                true,
            ),
            // "X, who" follows people …
            (
                "Chief of staff John Kelly spoke. Kelly, who took the job, left. Trump lashed out at Kelly.",
                "kelly",
                true,
            ),
            // … but not after "of" or a locative, where "who" is about
            // the people of the place
            ("Residents of Mosul, who fled, came back.", "mosul", false),
            ("Many in Mosul, who fled, came back.", "mosul", false),
            // verbs of a living person after the name …
            ("Lincoln visited the front. Lincoln lived in a cabin.", "lincoln", true),
            // … not before it
            ("Crowds visited Lincoln and lived in Lincoln.", "lincoln", false),
            // the family name after a title and a given name
            (
                "President Barack Obama spoke. Obama is not at risk.",
                "obama",
                true,
            ),
            // … not a place after a title and a common word
            ("Governor Brown visited Kenya. Kenya is calm.", "kenya", false),
            // an article of a romanised name is not a given name
            ("Clashes were reported in Al Mosul. Al Mosul is calm.", "mosul", false),
            ("Troops left An Najaf on Monday.", "najaf", false),
            // capitals are a headline, not a name
            (
                "ELIZABETH FAIRFIELD DIES. Fairfield is a town.",
                "fairfield",
                false,
            ),
            // a given name that is also a common word ("In", "Will", "May"
            // are in the census lists) at the start of a sentence is the word
            ("In Mosul, people fled. Mosul is in Iraq.", "mosul", false),
            ("Will Baghdad agree? Many doubt it.", "baghdad", false),
            // not a given name before it
            (
                "Western Fairfield grew. Fairfield is a town.",
                "fairfield",
                false,
            ),
        ];
        for (text, key, want) in cases {
            let tokens = tokenize(text);
            let cues = PeopleCues::of(&tokens, text);
            assert_eq!(cues.is_person(key), want, "{text:?}: {key}");
        }
    }
}
