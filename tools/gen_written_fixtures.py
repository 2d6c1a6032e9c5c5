#!/usr/bin/env python3
"""Writes the fixtures of the written criteria: tests/fixtures/written/<criterion>/<outcome>_<what>.<mbox|json>.

Each fixture is one thread (an mbox for e-mail, a Graph API page for Facebook) whose last help-desk
reply must get, on <criterion>, the outcome its name starts with (pass_, fail_, na_). The first
message says what the fixture tests (the `X-Fixture` header, or the page's `_fixture` key). They are
small on purpose and written here in one place; tests/written_fixtures.rs runs them.
Standard library only; deterministic.
"""

import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests/fixtures/written")
DESK = "mesadeayuda.siagie@minedu.gob.pe"

FOOTER = "Central de Atención - SIAGIE - MINEDU\nTeléfono: 615-5800 / Anexo: 26111\nLunes a Sábado de 8:00 a.m. a 6:00 p.m."
WELCOME = "La Mesa de Ayuda del SIAGIE le da la bienvenida. Estamos para resolver su dificultad en el uso del aplicativo informático."
ANSWER = "El plazo para el cierre del año escolar vence el 31 de diciembre; revise el comunicado en la página de inicio del SIAGIE."
QUERY = "¿Hasta cuándo es el plazo para el cierre del año escolar?"
FB_THANKS = "Gracias por comunicarse con SIAGIE y escribir sus comentarios. Para mayor información le ruego se comunique a:"


def email_reply(sal="Buenos días", welcome=WELCOME, body=ANSWER, closing="Atentamente,", sig="Rosa Quispe Mamani", footer=FOOTER):
    parts = [p for p in (sal, welcome) if p]
    parts += ["", body, ""]
    if closing:
        parts.append(closing)
    if sig:
        parts.append(sig)
    if footer:
        parts.append(footer)
    return "\n".join(parts)


def fb_reply(sal="Buenos días", dear="Estimado usuario:", body=ANSWER, thanks=FB_THANKS, footer=FOOTER, sig="Atte. Rosa Quispe"):
    return "\n".join(p for p in (sal, dear, body, thanks, footer, sig) if p)


def mbox(what, steps):
    """steps: (side, 'YYYY-MM-DD HH:MM', text); the first message carries the description."""
    out = []
    first_id = None
    prev = None
    for n, (side, at, text) in enumerate(steps):
        mid = f"m{n}.{at.replace(' ', '').replace('-', '').replace(':', '')}@{'gmail.com' if side == 'U' else 'minedu.gob.pe'}"
        sender = "usuario.prueba@gmail.com" if side == "U" else DESK
        to = DESK if side == "U" else "usuario.prueba@gmail.com"
        day = at[:10]
        hour = at[11:]
        headers = [
            f"From {sender} Mon Dec  7 00:00:00 2026",
            f"From: {sender}",
            f"To: {to}",
            "Subject: " + ("Consulta" if n == 0 else "RE: Consulta"),
            f"Date: {date_header(day, hour)}",
            f"Message-ID: <{mid}>",
        ]
        if n == 0:
            headers.append(f"X-Fixture: {what}")
        if prev:
            headers.append(f"In-Reply-To: <{prev}>")
            headers.append(f"References: <{first_id}>" + (f" <{prev}>" if prev != first_id else ""))
        headers.append("Content-Type: text/plain; charset=utf-8")
        out.append("\n".join(headers) + "\n\n" + text + "\n")
        first_id = first_id or mid
        prev = mid
    return "\n".join(out)


DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def date_header(day, hour):
    import datetime as dt
    d = dt.date.fromisoformat(day)
    return f"{DAYS[d.weekday()]}, {d.day} {MONTHS[d.month - 1]} {d.year} {hour}:00 -0500"


def graph(what, steps):
    import datetime as dt
    messages = []
    for n, (side, at, text) in enumerate(steps):
        t = dt.datetime.fromisoformat(at) + dt.timedelta(hours=5)
        sender = {"name": "SIAGIE - MINEDU", "id": "900"} if side == "H" else {"name": "Usuario Prueba", "id": "77"}
        messages.append({"id": f"m_{n}", "created_time": t.strftime("%Y-%m-%dT%H:%M:%S+0000"), "from": sender, "message": text})
    messages.reverse()
    return json.dumps({"_fixture": what, "data": [{"id": "t_1", "messages": {"data": messages}}]}, ensure_ascii=False, indent=1) + "\n"


FIX = {}


def fx(criterion, name, what, kind, steps):
    FIX.setdefault(criterion, []).append((name, what, kind, steps))


U, H = "U", "H"
Q = (U, "2026-12-07 08:40", QUERY)

# salutation
fx("salutation", "pass_buenos_dias_in_the_morning", "Buenos días at 09:10", "mbox", [Q, (H, "2026-12-07 09:10", email_reply())])
fx("salutation", "pass_buen_dia_paraphrase", "«¡Buen día, estimada docente!» at 10:00", "graph", [Q, (H, "2026-12-07 10:00", fb_reply(sal="¡Buen día", dear="estimada docente!"))])
fx("salutation", "pass_buenas_noches_after_seven", "Buenas noches at 19:40", "graph", [(U, "2026-12-07 19:00", QUERY), (H, "2026-12-07 19:40", fb_reply(sal="Buenas noches"))])
fx("salutation", "fail_buenos_dias_in_the_afternoon", "Buenos días sent at 15:20", "mbox", [(U, "2026-12-07 14:40", QUERY), (H, "2026-12-07 15:20", email_reply())])
fx("salutation", "fail_no_salutation", "no salutation at all", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(sal=None))])
fx("salutation", "fail_salutation_only_at_the_end", "«que tenga buenos días» only in the closing", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(sal=None, body=ANSWER + " Que tenga buenos días."))])
# welcome_line
fx("welcome_line", "pass_script", "the protocol's welcome line", "mbox", [Q, (H, "2026-12-07 09:10", email_reply())])
fx("welcome_line", "pass_paraphrase_le_damos_la_bienvenida", "«Le damos la más cordial bienvenida a la Mesa de Ayuda del SIAGIE»", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(welcome="Le damos la más cordial bienvenida a la Mesa de Ayuda del SIAGIE."))])
fx("welcome_line", "pass_bienvenido_al_siagie", "«Bienvenido al SIAGIE, con gusto lo ayudamos»", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(welcome="Bienvenido al SIAGIE, con gusto lo ayudamos."))])
fx("welcome_line", "fail_no_welcome", "no welcome line", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(welcome=None))])
# dear_user
fx("dear_user", "pass_estimado_usuario", "«Estimado usuario:»", "graph", [Q, (H, "2026-12-07 09:10", fb_reply())])
fx("dear_user", "pass_estimada_directora", "«Estimada directora:»", "graph", [Q, (H, "2026-12-07 09:10", fb_reply(dear="Estimada directora:"))])
fx("dear_user", "fail_missing", "no form of address", "graph", [Q, (H, "2026-12-07 09:10", fb_reply(dear=None))])
fx("dear_user", "fail_hola_amigo", "«Hola amigo» is no protocol form of address", "graph", [Q, (H, "2026-12-07 09:10", fb_reply(dear="Hola amigo,"))])
# answers_query
fx("answers_query", "pass_answer_meets_the_query", "the answer takes up the query's words (plazo, cierre)", "mbox", [Q, (H, "2026-12-07 09:10", email_reply())])
fx("answers_query", "pass_instruction", "an instruction that does not repeat the query's words", "graph", [(U, "2026-12-07 08:40", "no me sale nada en la pantalla, ayuda"), (H, "2026-12-07 09:10", fb_reply(body="Ingrese con otro navegador y seleccione la opción Actualizar; si persiste, envíenos una captura."))])
fx("answers_query", "fail_template_only", "salutation, welcome, «será atendida a la brevedad», signature, footer", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(body="Su consulta será atendida a la brevedad."))])
fx("answers_query", "fail_off_topic", "a text that ignores the query", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(body="Le recomendamos visitar nuestra página web para conocer las novedades del ministerio y sus programas."))])
fx("answers_query", "na_help_desk_writes_first", "the help desk writes without a user message", "mbox", [(H, "2026-12-07 09:10", email_reply())])
# asked_identification
NEED = "No puedo ver la matrícula de mis estudiantes de 2do grado."
ASK_BOTH = "Para ubicar su registro, por favor indíquenos su número de DNI y el código modular de su institución educativa."
fx("asked_identification", "pass_asks_dni_and_modular_code", "the query needs the record; both asked", "mbox", [(U, "2026-12-07 08:40", NEED), (H, "2026-12-07 09:10", email_reply(body=ASK_BOTH))])
fx("asked_identification", "pass_asks_the_missing_code", "the user gave the DNI; the reply asks for the código modular", "graph", [(U, "2026-12-07 08:40", NEED + " Mi DNI es 41826354."), (H, "2026-12-07 09:10", fb_reply(body="Gracias. ¿Nos podría indicar el código modular de su colegio?"))])
fx("asked_identification", "pass_paraphrase_necesitamos", "«necesitamos su documento de identidad y el código de la IE»", "mbox", [(U, "2026-12-07 08:40", "Olvidé mi contraseña."), (H, "2026-12-07 09:10", email_reply(body="Para ayudarle necesitamos su documento de identidad y el código de la IE."))])
fx("asked_identification", "fail_asks_nothing", "the query needs the record; nothing asked", "mbox", [(U, "2026-12-07 08:40", NEED), (H, "2026-12-07 09:10", email_reply(body="Revise la matrícula en el módulo correspondiente."))])
fx("asked_identification", "fail_asks_the_dni_only", "DNI asked, código modular not", "graph", [(U, "2026-12-07 08:40", NEED), (H, "2026-12-07 09:10", fb_reply(body="Por favor, indíquenos su DNI."))])
fx("asked_identification", "na_query_needs_no_record", "a general question", "mbox", [Q, (H, "2026-12-07 09:10", email_reply())])
fx("asked_identification", "na_user_gave_both", "the user gave the DNI and the código modular", "mbox", [(U, "2026-12-07 08:40", NEED + " DNI 41826354, código modular 0512345."), (H, "2026-12-07 09:10", email_reply(body="Ingrese a Matrícula y seleccione el grado."))])
# plain_language
fx("plain_language", "pass_plain", "no technical terms", "mbox", [Q, (H, "2026-12-07 09:10", email_reply())])
fx("plain_language", "pass_one_term_tolerated", "one technical term (caché) is tolerated", "graph", [Q, (H, "2026-12-07 09:10", fb_reply(body=ANSWER + " Si no ve el comunicado, borre la caché."))])
fx("plain_language", "fail_jargon", "ticket, servidor, sincroniza", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(body=ANSWER + " Su ticket quedó registrado; el servidor sincroniza de noche."))])
# positive_language
fx("positive_language", "pass_positive", "no negative phrase", "graph", [Q, (H, "2026-12-07 09:10", fb_reply())])
fx("positive_language", "fail_no_nos_corresponde", "«no nos corresponde»", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(body=ANSWER + " Lo demás no nos corresponde."))])
fx("positive_language", "fail_como_ya_le_dijimos", "«como ya le dijimos»", "graph", [Q, (H, "2026-12-07 09:10", fb_reply(body="Como ya le dijimos, " + ANSWER))])
# signature
fx("signature", "pass_full_name", "Atentamente, then first name and surnames", "mbox", [Q, (H, "2026-12-07 09:10", email_reply())])
fx("signature", "pass_on_the_closing_line", "«Atentamente, Luis Ccahuana» on one line", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(closing="Atentamente, Luis Ccahuana", sig=None))])
fx("signature", "pass_cordialmente_name_not_in_roster", "«Cordialmente,» and a full name the roster does not have", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(closing="Cordialmente,", sig="Pedro Alarcón"))])
fx("signature", "fail_first_name_only", "signed «Rosa»", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(sig="Rosa"))])
fx("signature", "fail_generic", "signed «Equipo de Soporte SIAGIE»", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(sig="Equipo de Soporte SIAGIE"))])
fx("signature", "fail_unsigned", "no closing, no name", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(closing=None, sig=None))])
# institutional_footer
fx("institutional_footer", "pass_script", "the four lines of the footer", "mbox", [Q, (H, "2026-12-07 09:10", email_reply())])
fx("institutional_footer", "pass_small_deviations", "«Telf. 615 5800 anexo 26111 – de lunes a sábado de 8 a.m. a 6 p.m.»", "graph", [Q, (H, "2026-12-07 09:10", fb_reply(footer="Central de Atención del SIAGIE - MINEDU\nTelf. 615 5800 anexo 26111 – de lunes a sábado de 8 a.m. a 6 p.m."))])
fx("institutional_footer", "fail_missing_hours", "the schedule line is missing", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(footer="Central de Atención - SIAGIE - MINEDU\nTeléfono: 615-5800 / Anexo: 26111"))])
fx("institutional_footer", "fail_missing_phone_and_extension", "the phone line is missing", "graph", [Q, (H, "2026-12-07 09:10", fb_reply(footer="Central de Atención - SIAGIE - MINEDU\nLunes a Sábado de 8:00 a.m. a 6:00 p.m."))])
fx("institutional_footer", "fail_no_footer", "no footer", "mbox", [Q, (H, "2026-12-07 09:10", email_reply(footer=None))])
# thanks_line
fx("thanks_line", "pass_script", "the protocol's thanks line", "graph", [Q, (H, "2026-12-07 09:10", fb_reply())])
fx("thanks_line", "pass_agradecemos_su_mensaje", "«Le agradecemos su mensaje»", "graph", [Q, (H, "2026-12-07 09:10", fb_reply(thanks="Le agradecemos su mensaje. Para más información comuníquese a:"))])
fx("thanks_line", "fail_missing", "no thanks", "graph", [Q, (H, "2026-12-07 09:10", fb_reply(thanks=None))])
# response_time
fx("response_time", "pass_within_four_business_hours", "08:40 -> 12:30 the same day: 3.83 h", "mbox", [Q, (H, "2026-12-07 12:30", email_reply(sal="Buenas tardes"))])
fx("response_time", "pass_weekend_does_not_count", "Saturday 17:30 -> Monday 08:30: 1 h", "graph", [(U, "2026-12-05 17:30", QUERY), (H, "2026-12-07 08:30", fb_reply())])
fx("response_time", "pass_holidays_do_not_count", "Monday 7 Dec 16:00 -> Thursday 10 Dec 09:00 (8 and 9 Dec are holidays): 3 h", "mbox", [(U, "2026-12-07 16:00", QUERY), (H, "2026-12-10 09:00", email_reply())])
fx("response_time", "fail_next_day", "Monday 09:00 -> Tuesday 09:00: 10 h", "mbox", [(U, "2026-12-14 09:00", QUERY), (H, "2026-12-15 09:00", email_reply())])
fx("response_time", "fail_follow_up_after_eight_hours", "a later reply 11 business hours after the user's follow-up (Monday 10:00 -> Tuesday 11:00)", "graph", [(U, "2026-12-14 08:40", QUERY), (H, "2026-12-14 09:10", fb_reply()), (U, "2026-12-14 10:00", "Gracias, ¿y dónde veo el comunicado?"), (H, "2026-12-15 11:00", fb_reply())])
fx("response_time", "na_help_desk_writes_first", "the help desk writes without a user message", "graph", [(H, "2026-12-07 09:10", fb_reply())])


def main():
    for criterion, fixtures in FIX.items():
        folder = os.path.join(OUT, criterion)
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))
        for name, what, kind, steps in fixtures:
            text = mbox(what, steps) if kind == "mbox" else graph(what, steps)
            ext = "mbox" if kind == "mbox" else "json"
            with open(os.path.join(folder, f"{name}.{ext}"), "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    with open(os.path.join(OUT, "helpdesk.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write('[email]\naddresses = ["mesadeayuda.siagie@minedu.gob.pe"]\n\n[facebook]\npage_ids = ["900"]\n')


if __name__ == "__main__":
    main()
