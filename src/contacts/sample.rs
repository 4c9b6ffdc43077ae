//! Generated address books for benchmarks and tests. Deterministic: the same `n` gives the
//! same text on every run.

const FIRST: [&str; 24] = [
    "Anna",
    "Jürgen",
    "Łukasz",
    "Renée",
    "Søren",
    "Zoë",
    "Bob",
    "Chloé",
    "Dmitri",
    "Emma",
    "François",
    "Grace",
    "Hiroshi",
    "Inès",
    "José",
    "Karin",
    "Liam",
    "María",
    "Noah",
    "Olga",
    "Paul",
    "Qing",
    "Roberta",
    "Siobhán",
];
const LAST: [&str; 24] = [
    "Müller",
    "Nowak",
    "Dupont",
    "Ærø",
    "Quillfeather",
    "Smith",
    "García",
    "Rossi",
    "Öztürk",
    "Novák",
    "Kowalski",
    "Jensen",
    "O'Brien",
    "Yamamoto",
    "Schäfer",
    "Lindqvist",
    "Costa",
    "Horváth",
    "Ivanova",
    "Brown",
    "Weiß",
    "Dubois",
    "Moreau",
    "Fischer",
];
const ORGS: [&str; 6] = ["ACME GmbH", "Straßenbau AG", "", "Initech", "", "Café Noir"];

/// A .vcf text of `n` contacts: vCard 3.0 and 4.0 cards, some with UID and some without,
/// a German mobile number unique per contact, some with a second number, a SIP address,
/// favourite or an organisation.
#[doc(hidden)]
pub fn generate(n: usize) -> String {
    let mut out = String::with_capacity(n * 260);
    for i in 0..n {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len()) % LAST.len()];
        let org = ORGS[i % ORGS.len()];
        let mobile = format!("+49 171 {:07}", i);
        if i % 2 == 0 {
            out.push_str("BEGIN:VCARD\r\nVERSION:4.0\r\n");
            out.push_str(&format!("UID:sample-{i:06}\r\n"));
            out.push_str(&format!("FN:{first} {last}\r\nN:{last};{first};;;\r\n"));
            out.push_str(&format!("TEL;TYPE=cell:{mobile}\r\n"));
        } else {
            out.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\n");
            out.push_str(&format!("FN:{first} {last}\r\nN:{last};{first};;;\r\n"));
            out.push_str(&format!("TEL;TYPE=CELL,VOICE:{mobile}\r\n"));
        }
        if i % 3 == 0 {
            out.push_str(&format!("TEL;TYPE=work:030 {:07}\r\n", i + 1_000_000));
        }
        if i % 5 == 0 {
            out.push_str(&format!("IMPP:sip:user{i}@sip.example.org\r\n"));
        }
        if !org.is_empty() {
            out.push_str(&format!("ORG:{org}\r\n"));
        }
        if i % 17 == 0 {
            out.push_str("CATEGORIES:favourite\r\n");
        }
        out.push_str("END:VCARD\r\n");
    }
    out
}
