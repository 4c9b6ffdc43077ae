//! Search as you type over names, organisations, SIP addresses and numbers.

use super::fold::{digits, fold, looks_like_number};
use super::index::ContactIndex;
use memchr::memmem::Finder;

impl ContactIndex {
    /// Indexes into [`ContactIndex::contacts`] of the contacts matching `query`,
    /// favourites first, then by name. Case, accents and punctuation are ignored; every
    /// word of the query must occur in the name, organisation or SIP address (a word of
    /// digits may occur in a number instead). A query that looks like a number ("030 12",
    /// "+49 30 1") matches numbers by their digits as written, in E.164 and in national
    /// form. An empty query matches everyone.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let query = query.trim();
        if query.is_empty() {
            return self.order.clone();
        }
        let mut hits = vec![false; self.contacts.len()];
        if looks_like_number(query) {
            let wanted = digits(query);
            self.numbers.mark(&Finder::new(&wanted), &mut hits);
            if let Some(rest) = wanted.strip_prefix("00").filter(|d| !d.is_empty()) {
                self.numbers.mark(&Finder::new(rest), &mut hits);
            }
            return self.in_order(&hits);
        }
        let folded = fold(query);
        let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return self.order.clone();
        }
        // The longest word finds the fewest candidates; the others only check those.
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let finders: Vec<(Finder<'_>, bool)> = words
            .iter()
            .map(|w| (Finder::new(*w), w.bytes().all(|b| b.is_ascii_digit())))
            .collect();
        let (first, is_digits) = &finders[0];
        self.text.mark(first, &mut hits);
        if *is_digits {
            self.numbers.mark(first, &mut hits);
        }
        for (i, hit) in hits.iter_mut().enumerate() {
            if *hit {
                *hit = finders[1..].iter().all(|(finder, is_digits)| {
                    finder.find(self.text.segment(i)).is_some()
                        || (*is_digits && finder.find(self.numbers.segment(i)).is_some())
                });
            }
        }
        self.in_order(&hits)
    }

    fn in_order(&self, hits: &[bool]) -> Vec<usize> {
        self.order.iter().copied().filter(|&i| hits[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::contacts::{Address, AddressLabel, Contact, ContactIndex};

    fn person(name: &str, org: &str, number: &str, favourite: bool) -> Contact {
        Contact {
            uid: name.to_lowercase(),
            name: name.into(),
            organisation: org.into(),
            addresses: vec![Address::number(AddressLabel::Mobile, number)],
            favourite,
            note: String::new(),
        }
    }

    fn names(index: &ContactIndex, query: &str) -> Vec<String> {
        index
            .search(query)
            .into_iter()
            .map(|i| index.contacts()[i].name.clone())
            .collect()
    }

    fn index() -> ContactIndex {
        ContactIndex::build(
            &[
                person("Zoë Åberg", "Straßenbau GmbH", "+49 30 1234567", false),
                person("Łukasz Nowak", "", "030 1234567", false),
                person("renée dupont", "ACME", "+33 1 98 76 54 32", true),
                person("Bob", "", "0171 555 12", false),
            ],
            Some("DE"),
        )
    }

    #[test]
    fn case_and_accents_are_folded() {
        let index = index();
        assert_eq!(names(&index, "zoe"), vec!["Zoë Åberg"]);
        assert_eq!(names(&index, "ABERG"), vec!["Zoë Åberg"]);
        assert_eq!(names(&index, "strasse"), vec!["Zoë Åberg"]);
        assert_eq!(names(&index, "Straße"), vec!["Zoë Åberg"]);
        assert_eq!(names(&index, "lukasz"), vec!["Łukasz Nowak"]);
        assert_eq!(names(&index, "René"), vec!["renée dupont"]);
        assert_eq!(names(&index, "acme ren"), vec!["renée dupont"]);
        assert!(names(&index, "acme bob").is_empty());
    }

    #[test]
    fn numbers_match_however_they_are_written() {
        let index = index();
        assert_eq!(names(&index, "0301234"), vec!["Łukasz Nowak", "Zoë Åberg"]);
        assert_eq!(names(&index, "1234567"), vec!["Łukasz Nowak", "Zoë Åberg"]);
        assert_eq!(names(&index, "030 12"), vec!["Łukasz Nowak", "Zoë Åberg"]);
        assert_eq!(names(&index, "+49 30"), vec!["Łukasz Nowak", "Zoë Åberg"]);
        assert_eq!(names(&index, "0033 1 98"), vec!["renée dupont"]);
        assert_eq!(names(&index, "bob 555"), vec!["Bob"]);
    }

    #[test]
    fn favourites_come_first_then_names() {
        let index = index();
        assert_eq!(
            names(&index, ""),
            vec!["renée dupont", "Bob", "Łukasz Nowak", "Zoë Åberg"]
        );
    }
}
