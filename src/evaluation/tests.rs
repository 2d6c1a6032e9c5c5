use std::collections::BTreeSet;

use super::*;
use crate::input::evaluations::read_delimited;
use crate::model::Operator;
use crate::rubric::{ChannelRubric, Rubric};

fn roster() -> Roster {
    Roster::new(vec![
        Operator {
            id: "op01".into(),
            name: "Rosa Quispe Mamani".into(),
            extensions: vec!["201".into()],
            team: "Mañana".into(),
        },
        Operator {
            id: "op03".into(),
            name: "Milagros Flores Ticona".into(),
            extensions: vec!["203".into()],
            team: "Mañana".into(),
        },
    ])
}

fn read(csv: &str) -> Evaluations {
    let catalog = Catalog::new(
        &Rubric::default_rubric(),
        &[ChannelRubric::default_presencial()],
    )
    .unwrap();
    let roster = roster();
    let scored: BTreeSet<String> = ["1793628727.1187", "1793632502.1190"]
        .into_iter()
        .map(String::from)
        .collect();
    let context = Context {
        catalog: &catalog,
        roster: &roster,
        scored_calls: &scored,
    };
    interpret(
        &[read_delimited(csv, "evaluaciones/e.csv").unwrap()],
        &context,
    )
}

#[test]
fn long_layout_with_recording_names_and_every_spelling_of_a_verdict() {
    let e = read(
        "call_id,criterion,outcome,evaluator,evaluated_at,comment\n\
         1793628727.1187,greeting,Sí,Ana Torres,2026-11-28,\n\
         q-600-987654321-20261103-101502-1793628727.1187.vtt,asked_dni,NO CUMPLE,Ana Torres,28/11/2026,no pidió el DNI\n\
         1793632502.119,Solicita el código modular,n.a.,Ana Torres,2026-11-28,\n",
    );
    assert!(e.bad.is_empty(), "{:?}", e.bad);
    let got: Vec<(&str, &str, Outcome, &str)> = e
        .rows
        .iter()
        .map(|r| {
            (
                r.interaction_id.as_str(),
                r.criterion.as_str(),
                r.outcome,
                r.evaluated_at.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1793628727.1187", "asked_dni", Outcome::Fail, "2026-11-28"),
            ("1793628727.1187", "greeting", Outcome::Pass, "2026-11-28"),
            // The id typed as a number lost its trailing zero; it is still the scored call.
            (
                "1793632502.1190",
                "asked_modular_code",
                Outcome::Na,
                "2026-11-28"
            ),
        ]
    );
    assert!(
        e.rows
            .iter()
            .all(|r| r.recorded && r.channel == Channel::Telefono)
    );
}

#[test]
fn wide_layout_by_title_with_face_to_face_rows() {
    let e = read(
        "Canal;Operador;Fecha;Evaluador;Saluda y se presenta con su nombre;Solicita el DNI;Postura y actitud positiva;Comentario\n\
         Presencial;Rosa Quispe;20/11/2026;Ana Torres;Sí;No;Cumple;muy amable\n\
         presencial;op03;2026-11-21 10:30;Ana Torres;No aplica;;pass;\n",
    );
    assert!(e.bad.is_empty(), "{:?}", e.bad);
    assert_eq!(e.rows.len(), 5);
    let first: Vec<_> = e
        .rows
        .iter()
        .filter(|r| r.interaction_id == "e-2")
        .collect();
    assert_eq!(first.len(), 3);
    assert_eq!(first[0].operator_id, "op01");
    assert_eq!(first[0].started_at, "2026-11-20");
    assert!(!first[0].recorded);
    let second: Vec<_> = e
        .rows
        .iter()
        .filter(|r| r.interaction_id == "e-3")
        .collect();
    assert_eq!(second[0].started_at, "2026-11-21T10:30:00");
    assert_eq!(second.len(), 2);
}

#[test]
fn bad_rows_name_file_row_and_reason_and_the_rest_is_read() {
    let e = read(
        "call_id,criterion,outcome,evaluator\n\
         1793628727.1187,greeting,parcial,Ana Torres\n\
         1793628727.1187,saludo_inicial,Sí,Ana Torres\n\
         1799999999.1,greeting,Sí,Ana Torres\n\
         1793628727.1187,greeting,No,\n\
         1793628727.1187,asked_name,Sí,Ana Torres\n\
         1793628727.1187,asked_name,No,Ana Torres\n",
    );
    assert_eq!(e.rows.len(), 1);
    let reasons: Vec<(Option<usize>, &str)> =
        e.bad.iter().map(|b| (b.row, b.reason.as_str())).collect();
    assert_eq!(reasons.len(), 5, "{reasons:?}");
    assert!(e.bad.iter().all(|b| b.source_file == "evaluaciones/e.csv"));
    let reason = |row| reasons.iter().find(|r| r.0 == Some(row)).unwrap().1;
    assert!(reason(2).contains("`parcial` no entendido"));
    assert!(reason(3).contains("criterio desconocido `saludo_inicial`"));
    assert!(reason(4).contains("no está entre las que callqa calificó"));
    assert!(reason(5).contains("sin evaluador"));
    assert!(reason(7).contains("ya evaluó `asked_name`"));
}

#[test]
fn a_criterion_of_another_channel_is_a_bad_row() {
    let e = read(
        "canal,id,operador,fecha,criterio,resultado,evaluador\n\
         presencial,P-1,op01,2026-11-20,hold_permission,Sí,Ana Torres\n\
         presencial,P-1,,2026-11-20,greeting,Sí,Ana Torres\n",
    );
    assert!(e.rows.is_empty());
    assert!(
        e.bad[0].reason.contains("no se aplica al canal presencial"),
        "{:?}",
        e.bad
    );
    assert!(
        e.bad[1].reason.contains("necesita el operador"),
        "{:?}",
        e.bad
    );
}

#[test]
fn dates_as_supervisors_write_them() {
    assert_eq!(iso_date("2026-11-20").as_deref(), Some("2026-11-20"));
    assert_eq!(iso_date("20/11/2026").as_deref(), Some("2026-11-20"));
    assert_eq!(
        iso_date("2026-11-20T09:05").as_deref(),
        Some("2026-11-20T09:05:00")
    );
    assert_eq!(iso_date("31/02/2026"), None);
    assert_eq!(iso_date("ayer"), None);
}

#[test]
fn reasons_are_in_spanish() {
    use crate::input::reasons_in_spanish::english_words;
    let mut bad = read(
        "call_id,criterion,outcome,evaluator,color\n\
         1793628727.1187,greeting,parcial,Ana Torres,\n\
         1793628727.1187,saludo_inicial,Sí,Ana Torres,\n\
         1799999999.1,greeting,Sí,Ana Torres,\n\
         ,greeting,Sí,Ana Torres,\n\
         1793628727.1187,greeting,No,,\n\
         1793628727.1187,asked_name,Sí,Ana Torres,\n\
         1793628727.1187,asked_name,No,Ana Torres,\n",
    )
    .bad;
    bad.extend(read("canal,id,operador,fecha,criterio,resultado,evaluador\nfax,1,op01,2026-11-20,greeting,Sí,Ana\npresencial,P-1,,,greeting,Sí,Ana\npresencial,P-2,op01,2026-11-20,hold_permission,Sí,Ana\n").bad);
    bad.extend(read("call_id,criterion,outcome\n1793628727.1187,greeting,Sí\n").bad);
    bad.extend(read("call_id,nota\n1793628727.1187,5\n").bad);
    assert!(bad.len() >= 11, "{bad:?}");
    for row in &bad {
        let words = english_words(&row.reason);
        assert!(words.is_empty(), "English {words:?} in {:?}", row.reason);
    }
}
