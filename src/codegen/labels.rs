//! The interface words of a deck, in its language: agenda, "Part n",
//! "Source", "(cont.)", the box kinds and the date. The outline's `labels:`
//! overrides any of them.

use crate::outline::{CalloutKind, Date, Meta};

/// Words of the interface that follow the deck's language.
pub struct Labels {
    /// Title of the agenda slide.
    pub agenda: &'static str,
    /// Label above a section title; `{n}` is the section number.
    pub section: &'static str,
    /// Word before a chart's source line.
    pub source: &'static str,
    /// Mark after the title of a slide's continuation page.
    pub continued: &'static str,
    /// The word each kind of box starts with, in `CalloutKind::ALL`'s order.
    pub boxes: [&'static str; 8],
    /// The month names, January first.
    months: [&'static str; 12],
    /// How a date reads: `{d}`, `{m}` (the month's name or number) and `{y}`.
    date: &'static str,
}

/// Month names of languages that write numbers.
const NUMBERED: [&str; 12] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
];

/// English, the words of any language lectern has none for.
const EN: Labels = Labels {
    agenda: "Agenda",
    section: "Part {n}",
    source: "Source: ",
    continued: " (cont.)",
    boxes: [
        "Definition",
        "Theorem",
        "Lemma",
        "Proof",
        "Example",
        "Note",
        "Tip",
        "Warning",
    ],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    date: "{d} {m} {y}",
};

/// Returns the labels for a language (`traditional`: Chinese in
/// Traditional characters); English for a language not in [`LANGUAGES`].
pub fn labels(lang: &str, traditional: bool) -> Labels {
    match (lang, traditional) {
        ("zh", false) => Labels {
            agenda: "目录",
            section: "第 {n} 部分",
            source: "来源：",
            continued: "（续）",
            boxes: ["定义", "定理", "引理", "证明", "例", "注", "提示", "注意"],
            months: NUMBERED,
            date: "{y} 年 {m} 月 {d} 日",
        },
        ("zh", true) => Labels {
            agenda: "目錄",
            section: "第 {n} 部分",
            source: "來源：",
            continued: "（續）",
            boxes: ["定義", "定理", "引理", "證明", "例", "註", "提示", "注意"],
            months: NUMBERED,
            date: "{y} 年 {m} 月 {d} 日",
        },
        ("ja", _) => Labels {
            agenda: "目次",
            section: "第 {n} 部",
            source: "出典：",
            continued: "（続き）",
            boxes: ["定義", "定理", "補題", "証明", "例", "注", "ヒント", "注意"],
            months: NUMBERED,
            date: "{y}年{m}月{d}日",
        },
        ("ko", _) => Labels {
            agenda: "목차",
            section: "제{n}부",
            source: "출처: ",
            continued: " (계속)",
            boxes: [
                "정의",
                "정리",
                "보조정리",
                "증명",
                "예",
                "참고",
                "팁",
                "주의",
            ],
            months: NUMBERED,
            date: "{y}년 {m}월 {d}일",
        },
        ("fr", _) => Labels {
            agenda: "Sommaire",
            section: "Partie {n}",
            source: "Source : ",
            continued: " (suite)",
            boxes: [
                "Définition",
                "Théorème",
                "Lemme",
                "Démonstration",
                "Exemple",
                "Remarque",
                "Astuce",
                "Attention",
            ],
            months: [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ],
            date: "{d} {m} {y}",
        },
        ("de", _) => Labels {
            agenda: "Übersicht",
            section: "Teil {n}",
            source: "Quelle: ",
            continued: " (Forts.)",
            boxes: [
                "Definition",
                "Satz",
                "Lemma",
                "Beweis",
                "Beispiel",
                "Bemerkung",
                "Tipp",
                "Warnung",
            ],
            months: [
                "Januar",
                "Februar",
                "März",
                "April",
                "Mai",
                "Juni",
                "Juli",
                "August",
                "September",
                "Oktober",
                "November",
                "Dezember",
            ],
            date: "{d}. {m} {y}",
        },
        ("es", _) => Labels {
            agenda: "Índice",
            section: "Parte {n}",
            source: "Fuente: ",
            continued: " (cont.)",
            boxes: [
                "Definición",
                "Teorema",
                "Lema",
                "Demostración",
                "Ejemplo",
                "Nota",
                "Consejo",
                "Advertencia",
            ],
            months: [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ],
            date: "{d} de {m} de {y}",
        },
        ("pt", _) => Labels {
            agenda: "Sumário",
            section: "Parte {n}",
            source: "Fonte: ",
            continued: " (cont.)",
            boxes: [
                "Definição",
                "Teorema",
                "Lema",
                "Demonstração",
                "Exemplo",
                "Nota",
                "Dica",
                "Atenção",
            ],
            months: [
                "janeiro",
                "fevereiro",
                "março",
                "abril",
                "maio",
                "junho",
                "julho",
                "agosto",
                "setembro",
                "outubro",
                "novembro",
                "dezembro",
            ],
            date: "{d} de {m} de {y}",
        },
        ("it", _) => Labels {
            agenda: "Indice",
            section: "Parte {n}",
            source: "Fonte: ",
            continued: " (cont.)",
            boxes: [
                "Definizione",
                "Teorema",
                "Lemma",
                "Dimostrazione",
                "Esempio",
                "Osservazione",
                "Suggerimento",
                "Attenzione",
            ],
            months: [
                "gennaio",
                "febbraio",
                "marzo",
                "aprile",
                "maggio",
                "giugno",
                "luglio",
                "agosto",
                "settembre",
                "ottobre",
                "novembre",
                "dicembre",
            ],
            date: "{d} {m} {y}",
        },
        _ => EN,
    }
}

impl Labels {
    /// A date in the language's words.
    pub fn date(&self, d: Date) -> String {
        let month = self.months[usize::from(d.month.clamp(1, 12)) - 1];
        self.date
            .replace("{y}", &d.year.to_string())
            .replace("{m}", month)
            .replace("{d}", &d.day.to_string())
    }

    /// The word of one interface label, by its `labels:` key (`agenda`,
    /// `part`, `source`, `continued`, or a box kind).
    pub fn word(&self, key: &str) -> Option<&'static str> {
        match key {
            "agenda" => Some(self.agenda),
            "part" => Some(self.section),
            "source" => Some(self.source),
            "continued" => Some(self.continued),
            kind => CalloutKind::ALL
                .iter()
                .position(|(n, _)| *n == kind)
                .map(|i| self.boxes[i]),
        }
    }
}

/// Every interface word a deck in this language may print: what the font
/// policy must cover besides the outline's own text.
pub fn interface_text(meta: &Meta) -> String {
    let l = of(meta);
    let mut out = [l.agenda, l.section, l.source, l.continued].concat();
    out.extend(l.boxes);
    out.push_str(l.date);
    out
}

/// One interface word of a deck: the outline's own (`labels:`), or its
/// language's.
pub fn word(meta: &Meta, l: &Labels, key: &str) -> String {
    match meta.labels.iter().find(|(k, _)| k == key) {
        Some((_, own)) => own.value.clone(),
        None => l.word(key).unwrap_or_default().to_string(),
    }
}

/// The labels of a deck: its language's, before the outline's own.
pub fn of(meta: &Meta) -> Labels {
    labels(&meta.lang.value.to_ascii_lowercase(), meta.traditional)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::LANGUAGES;

    #[test]
    fn every_built_in_language_has_its_own_words_and_dates() {
        let day = Date {
            year: 2026,
            month: 11,
            day: 27,
        };
        for lang in LANGUAGES {
            let l = labels(lang, false);
            if *lang != "en" {
                assert_ne!(l.agenda, EN.agenda, "{lang}");
            }
            assert!(l.date(day).contains("2026") && l.date(day).contains("27"));
        }
        assert_eq!(labels("fr", false).date(day), "27 novembre 2026");
        assert_eq!(labels("zh", false).date(day), "2026 年 11 月 27 日");
        assert_eq!(labels("zh", true).agenda, "目錄");
        assert_eq!(labels("xx", false).agenda, "Agenda");
    }
}
