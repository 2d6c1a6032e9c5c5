//! The operator roster, `operators.csv`: header `operator_id,name,extension,team` (columns in any order,
//! `team` optional, other columns reported and ignored). `extension` may list several extensions
//! separated by `;` (each all digits) or be empty. A bad line (missing id or name, a bad extension, a
//! duplicate id, a broken CSV record) is reported as an InputError naming the line and skipped; only a
//! missing file, an empty file or a bad header stop the read. The file is decoded like transcripts
//! (UTF-8 with or without BOM, else Windows-1252, as Excel writes it).

use std::collections::HashSet;
use std::path::Path;

use super::{InputError, csv_error, decode};
use crate::model::{Operator, Problem};

const REQUIRED: [&str; 3] = ["operator_id", "name", "extension"];
const MAX_EXTENSION_DIGITS: usize = 10;

/// Which column holds which field.
struct Columns {
    id: usize,
    name: usize,
    extension: usize,
    team: Option<usize>,
}

/// operators.csv -> the operators, and one InputError per bad line (bad lines are skipped, never
/// fatal). Duplicate ids are errors (the first occurrence is kept).
pub fn read_roster(path: &Path) -> Result<(Vec<Operator>, Vec<InputError>), InputError> {
    let fail = |line: Option<usize>, reason: String| InputError {
        path: path.to_path_buf(),
        line,
        code: if line.is_some() {
            Problem::BadLine
        } else {
            Problem::Malformed
        },
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| InputError::unreadable(path, &e))?;
    let text = decode(&bytes);
    if text.trim().is_empty() {
        return Err(InputError {
            code: Problem::Empty,
            ..fail(None, "archivo vacío".into())
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| fail(Some(1), format!("encabezado ilegible: {}", csv_error(&e))))?
        .clone();
    let header_line = 1;
    let mut problems = Vec::new();
    let columns = columns(&header, &text).map_err(|reason| fail(Some(header_line), reason))?;
    for (index, name) in header.iter().enumerate() {
        if !matches!(name, "operator_id" | "name" | "extension" | "team") {
            problems.push(fail(
                Some(header_line),
                format!(
                    "columna desconocida `{name}` (columna {}): se ignora",
                    index + 1
                ),
            ));
        }
    }
    let mut operators = Vec::new();
    let mut seen = HashSet::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                problems.push(fail(
                    line,
                    format!("registro CSV ilegible: {}", csv_error(&e)),
                ));
                continue;
            }
        };
        let line = record.position().map(|p| p.line() as usize);
        if record.iter().all(str::is_empty) {
            continue;
        }
        match operator(&record, &columns) {
            Ok(op) if !seen.insert(op.id.clone()) => {
                problems.push(fail(
                    line,
                    format!(
                        "`operator_id` repetido: `{}` (se conserva la primera fila)",
                        op.id
                    ),
                ));
            }
            Ok(op) => operators.push(op),
            Err(reason) => problems.push(fail(line, reason)),
        }
    }
    Ok((operators, problems))
}

fn columns(header: &csv::StringRecord, text: &str) -> Result<Columns, String> {
    let find = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|name| find(name).is_none())
        .collect();
    if !missing.is_empty() {
        let first_line = text.lines().next().unwrap_or_default();
        let hint = if !first_line.contains(',') && first_line.contains(';') {
            " (el archivo parece separado por `;`; el padrón va separado por comas y `;` solo separa \
             anexos)"
        } else {
            ""
        };
        let names = missing
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let lacks = if missing.len() == 1 {
            format!("falta la columna {names}")
        } else {
            format!("faltan las columnas {names}")
        };
        return Err(format!(
            "al encabezado le {lacks}; se esperaba `operator_id,name,extension,team`{hint}"
        ));
    }
    Ok(Columns {
        id: find("operator_id").unwrap_or_default(),
        name: find("name").unwrap_or_default(),
        extension: find("extension").unwrap_or_default(),
        team: find("team"),
    })
}

fn operator(record: &csv::StringRecord, columns: &Columns) -> Result<Operator, String> {
    let field = |index: usize| record.get(index).unwrap_or_default();
    let id = field(columns.id);
    if id.is_empty() {
        return Err("`operator_id` vacío".into());
    }
    let name = field(columns.name);
    if name.is_empty() {
        return Err(format!("el operador `{id}` no tiene nombre (`name` vacío)"));
    }
    let mut extensions = Vec::new();
    for extension in field(columns.extension)
        .split(';')
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        if extension.len() > MAX_EXTENSION_DIGITS || !extension.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(format!(
                "operador `{id}`: el anexo `{extension}` no es un número de 1 a {MAX_EXTENSION_DIGITS} dígitos"
            ));
        }
        extensions.push(extension.to_string());
    }
    Ok(Operator {
        id: id.to_string(),
        name: name.split_whitespace().collect::<Vec<_>>().join(" "),
        extensions,
        team: columns.team.map(field).unwrap_or_default().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixture;

    #[test]
    fn roster_fixture() {
        let (operators, problems) = read_roster(&fixture("input/operators.csv")).unwrap();
        let ids: Vec<_> = operators.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["OP001", "OP002", "OP003", "OP005"]);
        assert_eq!(operators[0].name, "Rosa Quispe Mamani");
        assert_eq!(operators[0].extensions, ["201", "2201"]);
        assert_eq!(operators[0].team, "Nivel 1");
        assert_eq!(operators[2].extensions, Vec::<String>::new());
        assert_eq!(operators[3].name, "José Ñahui");
        let got: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.reason.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some(6),
                    "`operator_id` repetido: `OP002` (se conserva la primera fila)"
                ),
                (Some(7), "`operator_id` vacío"),
                (
                    Some(8),
                    "operador `OP004`: el anexo `20x` no es un número de 1 a 10 dígitos"
                ),
            ]
        );
        assert!(
            problems[0].to_string().ends_with(
                "operators.csv:6: `operator_id` repetido: `OP002` (se conserva la primera fila)"
            ),
            "{}",
            problems[0]
        );
    }

    fn write(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("callqa-roster-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn team_optional_order_free_unknown_columns_reported() {
        let path = write(
            "a.csv",
            b"\xEF\xBB\xBFname,extension,operator_id,email\r\nAna Ruiz,301,OP9,ana@x.pe\r\n",
        );
        let (operators, problems) = read_roster(&path).unwrap();
        assert_eq!(
            operators,
            [Operator {
                id: "OP9".into(),
                name: "Ana Ruiz".into(),
                extensions: vec!["301".into()],
                team: String::new()
            }]
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].line, problems[0].reason.as_str()),
            (
                Some(1),
                "columna desconocida `email` (columna 4): se ignora"
            )
        );
    }

    #[test]
    fn fatal_errors() {
        let err = read_roster(&write("empty.csv", b"")).unwrap_err();
        assert_eq!(
            (err.code, err.reason.as_str()),
            (Problem::Empty, "archivo vacío")
        );
        let err = read_roster(&write(
            "semi.csv",
            b"operator_id;name;extension\nOP1;Ana;201\n",
        ))
        .unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.reason.contains("separado por `;`"), "{}", err.reason);
        let err = read_roster(&write("noname.csv", b"operator_id,extension\n")).unwrap_err();
        assert!(
            err.reason
                .starts_with("al encabezado le falta la columna `name`;"),
            "{}",
            err.reason
        );
        assert!(
            read_roster(Path::new("/nonexistent/operators.csv"))
                .unwrap_err()
                .reason
                .starts_with("no se puede leer")
        );
    }

    #[test]
    fn windows_1252_names() {
        let path = write(
            "cp.csv",
            b"operator_id,name,extension,team\nOP1,Mar\xEDa Pe\xF1a,201,Nivel 1\n",
        );
        let (operators, _) = read_roster(&path).unwrap();
        assert_eq!(operators[0].name, "María Peña");
    }
}
