//! The LaTeX conversion's unit tests.

use super::*;

#[test]
fn broken_structure_is_found_where_it_is_written() {
    let at = |f: &str| check(f).unwrap_err().at;
    assert_eq!(at("a + {b"), 4..5);
    assert_eq!(at("a }"), 2..3);
    assert_eq!(at(r"\left( x"), 0..5);
    assert_eq!(at(r"x \begin{cases} a"), 2..15);
    assert!(check(r"\{ x \} + \left( \frac{a}{b} \right)").is_ok());
    assert!(check(&"{".repeat(10_000)).is_err());
    assert!(check(&"x".repeat(100_000)).is_err());
}

#[test]
fn a_command_without_its_arguments_is_named_at_its_column() {
    for (latex, at, needs) in [
        (r"x + \hat", 4..8, "1 argument"),
        (r"\frac{1}", 0..5, "2 arguments"),
        (r"a \sqrt[3]", 2..7, "1 argument"),
        (r"\overset{a} & b", 0..8, "2 arguments"),
        (r"\u", 0..2, "1 argument"),
        (r"\hat{ }", 0..4, "1 argument"),
    ] {
        let err = convert(latex, &[]).unwrap_err();
        assert_eq!(err.at, at, "{latex}");
        assert!(err.message.contains(needs), "{latex}: {}", err.message);
        assert!(err.hint.contains('{'), "{latex}: {}", err.hint);
    }
    for latex in [
        r"\hat x",
        r"\frac12",
        r"\hat\alpha",
        r"\sqrt[3]{x}",
        r"\frac{\{}{\}}",
    ] {
        assert!(convert(latex, &[]).is_ok(), "{latex}");
    }
}

#[test]
fn macros_expand_and_unknown_commands_are_named_at_their_column() {
    let macros = vec![("E".to_string(), r"\mathbb{E}".to_string())];
    assert_eq!(expand(r"\E[X] + \Eta", &macros), r"{\mathbb{E}}[X] + \Eta");
    let err = convert(r"a + \fracc{1}{2}", &[]).unwrap_err();
    assert_eq!(err.at, 4..10);
    assert!(err.hint.contains(r"\frac"), "{}", err.hint);
    let err = convert(r"\foo x", &[]).unwrap_err();
    assert!(err.hint.contains("macros:"), "{}", err.hint);
    assert!(convert(r"\E[X]", &macros).is_ok());
}

#[test]
fn symbols_take_their_typst_names() {
    assert_eq!(
        modernize("diff x + sect + diffx + angle.l a angle.r"),
        "partial x + inter + diffx + chevron.l a chevron.r"
    );
}

#[test]
fn typst_code_never_comes_through() {
    for hostile in [
        r#"\text{#read("/etc/passwd")}"#,
        r"\text{a]b}",
        r#"x "y" ] #set"#,
        r"\text{$x$}",
    ] {
        if let Ok(typst) = convert(hostile, &[]) {
            // Text comes through only inside string literals; outside
            // them, the only code is lectern's own.
            let code = without_strings(&typst);
            assert!(
                !code.contains("read") && !code.contains("set"),
                "{hostile} → {typst}"
            );
            for (at, _) in code.match_indices('#') {
                let rest = &code[at + 1..];
                assert!(
                    [
                        "textmath[",
                        "\"\"",
                        "(text.with",
                        "(std.math.italic)",
                        "true",
                        "(raw)"
                    ]
                    .iter()
                    .any(|ok| rest.starts_with(ok)),
                    "{hostile} → {typst}"
                );
            }
        }
    }
}

/// Typst with every string literal emptied (`"a\"b"` → `""`).
fn without_strings(typst: &str) -> String {
    let mut out = String::new();
    let mut chars = typst.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '"' {
            while let Some(d) = chars.next() {
                match d {
                    '\\' => {
                        chars.next();
                    }
                    '"' => break,
                    _ => {}
                }
            }
            out.push('"');
        }
    }
    out
}
