#!/usr/bin/env python3
"""Writes sample-data/evaluations/: two supervisors' evaluations of the sample month, as they keep them.

- `supervisora-ana-torres.csv`: long layout (one row per verdict), UTF-8, comma-separated; Ana Torres
  evaluated 20 recorded calls on every criterion.
- `supervisor-miguel-soto.xlsx`: wide layout (one row per call, one column per criterion headed by its
  Spanish title), as Excel saves it: ids as numbers or as the recording's file name, the evaluation date
  as an Excel date. Miguel Soto evaluated 20 calls, 16 of them also evaluated by Ana.
- `presencial-noviembre.csv`: 15 face-to-face attentions at the counter, wide layout by title,
  semicolon-separated (Excel in a Spanish locale); three of them evaluated by both supervisors.

The supervisors start from the verdict each call was written to get (tests/fixtures/sample_expected.csv)
and judge otherwise where a person would (the DISAGREE lists below, each with the comment the supervisor
wrote). Two rows are wrong on purpose (an outcome «Parcial», a criterion nobody defined) and one
spreadsheet row names a call that is not in the month: callqa lists them in rejected.csv.

Deterministic: no clock, no randomness; the .xlsx has fixed zip timestamps. Run from anywhere:
    python3 tools/gen_evaluations.py
"""

import csv
import io
import os
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "sample-data", "evaluations")
EXPECTED = os.path.join(ROOT, "tests", "fixtures", "sample_expected.csv")
TRANSCRIPTS = os.path.join(ROOT, "sample-data", "transcripts")

CRITERIA = [
    ("greeting", "Saludo institucional completo"),
    ("asked_name", "Pregunta el nombre del usuario"),
    ("asked_dni", "Solicita el DNI"),
    ("asked_modular_code", "Solicita el código modular"),
    ("offered_help", "Ofrece ayuda"),
    ("no_interruption", "Escucha sin interrumpir"),
    ("summarized_query", "Resume o confirma la consulta"),
    ("hold_explained", "Explica la espera y su duración"),
    ("hold_permission", "Pide permiso para poner en espera"),
    ("hold_thanks", "Agradece la espera"),
    ("hold_checkins", "Retoma la llamada durante esperas largas"),
    ("hold_callback", "Ofrece devolver la llamada en esperas de más de 3 minutos"),
    ("transfer_explained", "Explica la transferencia"),
    ("transfer_answered", "No cuelga hasta que contesten la transferencia"),
    ("closing_by_name", "Se despide llamando al usuario por su nombre"),
    ("checked_understanding", "Verifica que el usuario entendió"),
    ("plain_language", "Lenguaje sencillo, sin tecnicismos"),
    ("positive_language", "Lenguaje positivo"),
]

# Where each supervisor judged a call otherwise than the verdict it was written to get:
# (call index among the evaluated calls, criterion, outcome, comment).
ANA = [
    (1, "summarized_query", "fail", "Repite una palabra de la consulta, pero no la resume."),
    (4, "summarized_query", "fail", "Pasa directo a la solución; no confirma lo que entendió."),
    (9, "summarized_query", "fail", "No resume: pregunta otra cosa."),
    (6, "greeting", "fail", "No dice su apellido."),
    (12, "plain_language", "fail", "Habla de «la plataforma» y «el módulo» sin explicar."),
    (15, "checked_understanding", "pass", "Al final pregunta «¿algo más?»: para mí cuenta."),
    (17, "no_interruption", "fail", "Se adelanta mientras la profesora explica."),
]
MIGUEL = [
    (4, "summarized_query", "pass", "Confirma la consulta con sus palabras."),
    (7, "closing_by_name", "pass", "Se despide con «profesora»; basta."),
    (10, "no_interruption", "fail", "Se superpone al usuario al inicio."),
    (2, "offered_help", "fail", "Pregunta «¿es por actas?»: presupone el tema."),
    (13, "checked_understanding", "fail", "Pregunta si hay algo más, no si entendió."),
    (18, "plain_language", "fail", "Usa «credenciales» sin explicar."),
]

OPERATORS = ["Rosa Quispe", "Carlos Huarcaya", "Milagros Flores", "Luis Ccahuana", "Katherine Salazar",
             "Jorge Villanueva"]
PRESENCIAL = [
    ("Saluda y se presenta con su nombre", "greeting"),
    ("Pregunta el nombre del usuario", "asked_name"),
    ("Solicita el DNI", "asked_dni"),
    ("Solicita el código modular", "asked_modular_code"),
    ("Escucha sin interrumpir", "no_interruption"),
    ("Resume la consulta", "summarized_query"),
    ("Verifica la comprensión", "checked_understanding"),
    ("Se despide llamando al usuario por su nombre", "closing_by_name"),
    ("Lenguaje sencillo", "plain_language"),
    ("Lenguaje positivo", "positive_language"),
    ("Postura y actitud positiva", "attitude"),
]
# Face-to-face attentions: (id, operator index, date, evaluator, misses, comment). Every criterion
# passes but the misses; "na" marks one that did not apply.
VISITS = [
    ("P-1101", 0, "03/11/2026 09:40", "Ana Torres", {}, "Atención ejemplar."),
    ("P-1102", 1, "04/11/2026 10:15", "Ana Torres", {"asked_modular_code": "No", "closing_by_name": "No"},
     "No pidió el código modular; se despidió sin nombrarlo."),
    ("P-1103", 2, "05/11/2026 11:05", "Miguel Soto", {"no_interruption": "No", "summarized_query": "No"},
     "Interrumpió dos veces al director."),
    ("P-1104", 3, "06/11/2026 14:20", "Miguel Soto", {"asked_dni": "N.A."}, "El usuario trajo su DNI en la mano."),
    ("P-1105", 4, "09/11/2026 15:30", "Ana Torres", {"plain_language": "No"}, "Habló de «caché» y «navegador»."),
    ("P-1106", 5, "10/11/2026 16:10", "Ana Torres", {"positive_language": "No", "attitude": "No",
                                                      "checked_understanding": "No"},
     "«Eso no me corresponde»; de pie, mirando el celular."),
    ("P-1107", 0, "12/11/2026 09:05", "Miguel Soto", {}, ""),
    ("P-1108", 1, "13/11/2026 12:40", "Miguel Soto", {"asked_modular_code": "No"}, ""),
    ("P-1109", 2, "17/11/2026 10:50", "Ana Torres", {"summarized_query": "No"}, "Se adelantó a la consulta."),
    ("P-1110", 3, "18/11/2026 13:35", "Ana Torres", {}, "Explicó con un ejemplo del aula."),
    ("P-1111", 4, "19/11/2026 17:00", "Miguel Soto", {"plain_language": "No"}, "Dijo «base de datos» y «servidor»."),
    ("P-1112", 5, "24/11/2026 15:15", "Miguel Soto", {"attitude": "No", "closing_by_name": "No"}, "Cortante."),
    ("P-1113", 0, "25/11/2026 11:30", "Ana Torres", {}, ""),
    ("P-1114", 5, "26/11/2026 16:45", "Ana Torres", {"positive_language": "No"}, "Culpa al director del error."),
    ("P-1115", 1, "27/11/2026 09:20", "Miguel Soto", {"closing_by_name": "No"}, ""),
]
# The same attentions evaluated by the other supervisor too (calibration between them).
DOUBLE = {
    "P-1102": ("Miguel Soto", {"asked_modular_code": "No"}, "Se despidió con «profesor Pérez»."),
    "P-1106": ("Miguel Soto", {"positive_language": "No", "attitude": "No"}, "Frase negativa; actitud distante."),
    "P-1111": ("Ana Torres", {"plain_language": "No", "summarized_query": "No"}, "Términos técnicos; no resumió."),
}


def expected():
    verdicts = {}
    with open(EXPECTED, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            verdicts.setdefault(row["call_id"], {})[row["criterion"]] = row["expected"]
    return verdicts


def recording_names():
    names = {}
    for folder, _, files in os.walk(TRANSCRIPTS):
        for name in files:
            stem = name.rsplit(".", 1)[0]
            call_id = ".".join(stem.split("-")[-1].split(".")[-2:])
            names[call_id] = name
    return names


WORD = {"pass": "Sí", "fail": "No", "na": "N.A."}
LONG_WORD = {"pass": "Cumple", "fail": "No cumple", "na": "No aplica"}


def calls_for(verdicts):
    # M7 (1795789351.6386) is left out: its hold verdicts depend on the PBX logs, not on the words.
    ids = [c for c in sorted(verdicts) if c != "1795789351.6386"]
    ana = ids[0:40:2][:20]
    miguel = ana[:16] + ids[1:9:2]
    return ana, miguel


def judged(verdicts, calls, changes):
    out = {}
    for index, call in enumerate(calls):
        out[call] = {c: (verdicts[call][c], "") for c, _ in CRITERIA}
    for index, criterion, outcome, comment in changes:
        out[calls[index]][criterion] = (outcome, comment)
    return out


def write_ana(verdicts, calls):
    rows = judged(verdicts, calls, ANA)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["call_id", "criterion", "outcome", "evaluator", "evaluated_at", "comment"])
    for number, call in enumerate(calls):
        day = f"2026-12-{1 + number // 7:02d}"
        for criterion, _ in CRITERIA:
            outcome, comment = rows[call][criterion]
            word = (WORD if number % 2 == 0 else LONG_WORD)[outcome]
            writer.writerow([call, criterion, word, "Ana Torres", day, comment])
    # Two rows a person typed wrong: callqa lists them and reads the rest.
    writer.writerow([calls[3], "closing_by_name", "Parcial", "Ana Torres", "2026-12-01",
                     "Dijo el nombre a medias."])
    writer.writerow([calls[5], "tono_de_voz", "Sí", "Ana Torres", "2026-12-01", "Tono amable."])
    with open(os.path.join(OUT, "supervisora-ana-torres.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buffer.getvalue())


def cell_ref(col, row):
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def sheet_xml(rows):
    """rows: lists of ("s", text) | ("n", number) | ("d", excel serial) cells."""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, (kind, value) in enumerate(row):
            ref = cell_ref(c, r)
            if kind == "s":
                if value == "":
                    continue
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
            elif kind == "n":
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                out.append(f'<c r="{ref}" s="1"><v>{value}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write_xlsx(path, sheet_name, rows):
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '</Relationships>',
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '</styleSheet>',
        "xl/worksheets/sheet1.xml": sheet_xml(rows),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 5, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


def write_miguel(verdicts, calls, names):
    rows = judged(verdicts, calls, MIGUEL)
    header = [("s", "Llamada"), ("s", "Evaluador"), ("s", "Fecha de evaluación")]
    header += [("s", title) for _, title in CRITERIA] + [("s", "Comentario")]
    table = [header]
    for number, call in enumerate(calls):
        # Every third call by the recording's file name, as pasted from the recordings folder; the
        # others by the uniqueid, which Excel keeps as a number.
        reference = ("s", names[call]) if number % 3 == 0 else ("n", call)
        serial = 46357 + number // 5  # 2026-12-01 onwards
        cells = [reference, ("s", "Miguel Soto"), ("d", serial)]
        comments = []
        for criterion, _ in CRITERIA:
            outcome, comment = rows[call][criterion]
            cells.append(("s", {"pass": "Cumple", "fail": "No cumple", "na": "No aplica"}[outcome]))
            if comment:
                comments.append(comment)
        cells.append(("s", " ".join(comments)))
        table.append(cells)
    # A call id mistyped: no such call in the month, and no operator to make it a call without
    # recording.
    table.append([("n", "1795999999.9999"), ("s", "Miguel Soto"), ("d", 46360)]
                 + [("s", "Cumple")] * len(CRITERIA) + [("s", "")])
    write_xlsx(os.path.join(OUT, "supervisor-miguel-soto.xlsx"), "Noviembre", table)


def write_presencial():
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Id atención", "Canal", "Operador", "Fecha", "Evaluador", "Fecha de evaluación"]
                    + [title for title, _ in PRESENCIAL] + ["Comentario"])

    def row(visit_id, operator, date, evaluator, misses, comment):
        cells = [visit_id, "Presencial", OPERATORS[operator], date, evaluator, "30/11/2026"]
        for _, criterion in PRESENCIAL:
            cells.append(misses.get(criterion, "Sí"))
        writer.writerow(cells + [comment])

    for visit_id, operator, date, evaluator, misses, comment in VISITS:
        row(visit_id, operator, date, evaluator, misses, comment)
        if visit_id in DOUBLE:
            other, other_misses, other_comment = DOUBLE[visit_id]
            row(visit_id, operator, date, other, other_misses, other_comment)
    with open(os.path.join(OUT, "presencial-noviembre.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buffer.getvalue())


def main():
    os.makedirs(OUT, exist_ok=True)
    verdicts = expected()
    ana, miguel = calls_for(verdicts)
    names = recording_names()
    write_ana(verdicts, ana)
    write_miguel(verdicts, miguel, names)
    write_presencial()
    print(f"{OUT}: Ana Torres {len(ana)} calls, Miguel Soto {len(miguel)} calls "
          f"({len(set(ana) & set(miguel))} both), {len(VISITS)} face-to-face attentions "
          f"({len(DOUBLE)} evaluated by both)")


if __name__ == "__main__":
    main()
