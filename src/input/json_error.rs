//! serde_json's error messages in Spanish, for the reasons people read: serde_json's syntax messages
//! one by one, and serde's data messages (a missing, unknown or repeated field, a value of the wrong
//! type) by their shape, keeping the field names and values they quote. A message of no known shape is
//! kept as serde_json wrote it, in backticks.

/// serde_json's message (without its ` at line L column C`) in Spanish.
pub(super) fn spanish(message: &str) -> String {
    match syntax(message) {
        Some(text) => text.to_string(),
        None => data(message).unwrap_or_else(|| format!("`{message}`")),
    }
}

/// The messages of serde_json's own syntax errors (`ErrorCode`), word for word.
fn syntax(message: &str) -> Option<&'static str> {
    Some(match message {
        "EOF while parsing a list" => "el archivo termina antes de cerrar una lista (`]`)",
        "EOF while parsing an object" => "el archivo termina antes de cerrar un objeto (`}`)",
        "EOF while parsing a string" => "el archivo termina dentro de un texto entre comillas",
        "EOF while parsing a value" => "el archivo termina donde se esperaba un valor",
        "expected `:`" => "se esperaba `:`",
        "expected `,` or `]`" => "se esperaba `,` o `]`",
        "expected `,` or `}`" => "se esperaba `,` o `}`",
        "expected ident" => "se esperaba `true`, `false` o `null`",
        "expected value" => "se esperaba un valor",
        "expected `\"`" => "se esperaba `\"`",
        "invalid escape" => "secuencia de escape no válida",
        "invalid number" => "número no válido",
        "number out of range" => "número fuera de rango",
        "invalid unicode code point" => "código Unicode no válido",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "carácter de control (`\\u0000` a `\\u001F`) dentro de un texto entre comillas"
        }
        "key must be a string" => "la clave debe ser un texto entre comillas",
        "invalid value: expected key to be a number in quotes" => {
            "se esperaba una clave numérica entre comillas"
        }
        "float key must be finite (got NaN or +/-inf)" => "la clave numérica debe ser finita",
        "lone leading surrogate in hex escape" => "escape `\\u` con un sustituto UTF-16 sin pareja",
        "trailing comma" => "coma sobrante antes del cierre",
        "trailing characters" => "caracteres sobrantes después del final del JSON",
        "unexpected end of hex escape" => "escape `\\u` incompleto",
        "recursion limit exceeded" => "anidamiento demasiado profundo (más de 128 niveles)",
        _ => return None,
    })
}

/// serde's data errors (`serde::de::Error`'s provided methods), by their shape.
fn data(message: &str) -> Option<String> {
    if let Some(field) = message.strip_prefix("missing field ") {
        return Some(format!("falta el campo {field}"));
    }
    if let Some(field) = message.strip_prefix("duplicate field ") {
        return Some(format!("el campo {field} está repetido"));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, wanted) = unknown(rest);
        return Some(format!("campo desconocido {name}{wanted}"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, wanted) = unknown(rest);
        return Some(format!("valor {name} no admitido{wanted}"));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, wanted) = rest.rsplit_once(", expected ")?;
        return Some(format!(
            "tipo no válido: {}; se esperaba {}",
            found_value(found),
            expected(wanted)
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, wanted) = rest.rsplit_once(", expected ")?;
        return Some(format!(
            "valor no válido: {}; se esperaba {}",
            found_value(found),
            expected(wanted)
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (length, wanted) = rest.split_once(", expected ")?;
        return Some(format!(
            "{length} elemento(s); se esperaba {}",
            expected(wanted)
        ));
    }
    None
}

/// "`name`, expected one of `a`, `b`" (or "`name`, there are no fields") -> the name, and
/// "; se esperaba uno de `a`, `b`" or "".
fn unknown(rest: &str) -> (&str, String) {
    if let Some((name, wanted)) = rest.rsplit_once(", expected ") {
        return (name, format!("; se esperaba {}", one_of(wanted)));
    }
    let name = [", there are no fields", ", there are no variants"]
        .iter()
        .find_map(|tail| rest.strip_suffix(tail))
        .unwrap_or(rest);
    (name, String::new())
}

/// serde's list of names: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(names: &str) -> String {
    if let Some(list) = names.strip_prefix("one of ") {
        return format!("uno de {list}");
    }
    match names.split_once("` or `") {
        Some((a, b)) => format!("{a}` o `{b}"),
        None => names.to_string(),
    }
}

/// What was found (serde's `Unexpected`).
fn found_value(found: &str) -> String {
    let words = [
        ("boolean ", "el valor lógico "),
        ("integer ", "el número entero "),
        ("floating point ", "el número decimal "),
        ("character ", "el carácter "),
        ("string ", "el texto "),
    ];
    for (english, spanish) in words {
        if let Some(value) = found.strip_prefix(english) {
            return format!("{spanish}{value}");
        }
    }
    match found {
        "null" | "unit value" => "`null`".into(),
        "sequence" => "una lista".into(),
        "map" => "un objeto".into(),
        other => format!("`{other}`"),
    }
}

/// What was expected (a type's `Expected`): the JSON shapes callqa's structs ask for.
fn expected(wanted: &str) -> String {
    match wanted {
        "f64" | "f32" => "un número".into(),
        "u64" | "u32" | "u16" | "u8" | "usize" => "un número entero no negativo".into(),
        "i64" | "i32" | "i16" | "i8" | "isize" => "un número entero".into(),
        "a string" | "a borrowed string" => "un texto entre comillas".into(),
        "a boolean" => "`true` o `false`".into(),
        "a sequence" => "una lista".into(),
        "a map" => "un objeto".into(),
        other if other.starts_with("struct ") => "un objeto".into(),
        other if other.starts_with('`') || other.starts_with("one of ") => one_of(other),
        other => format!("`{other}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_and_data_messages() {
        assert_eq!(
            spanish("EOF while parsing a string"),
            "el archivo termina dentro de un texto entre comillas"
        );
        assert_eq!(
            spanish("unknown field `txt`, expected one of `speaker`, `role`, `text`"),
            "campo desconocido `txt`; se esperaba uno de `speaker`, `role`, `text`"
        );
        assert_eq!(
            spanish("unknown variant `boss`, expected `operator` or `caller`"),
            "valor `boss` no admitido; se esperaba `operator` o `caller`"
        );
        assert_eq!(
            spanish("invalid type: string \"x\", expected f64"),
            "tipo no válido: el texto \"x\"; se esperaba un número"
        );
        assert_eq!(
            spanish("invalid value: integer `-1`, expected u64"),
            "valor no válido: el número entero `-1`; se esperaba un número entero no negativo"
        );
        assert_eq!(spanish("missing field `text`"), "falta el campo `text`");
        assert_eq!(
            spanish("invalid type: map, expected a sequence"),
            "tipo no válido: un objeto; se esperaba una lista"
        );
        assert_eq!(spanish("something new"), "`something new`");
    }
}
