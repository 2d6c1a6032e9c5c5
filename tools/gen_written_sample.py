#!/usr/bin/env python3
"""Writes the written channels of callqa's sample month (November 2026): the help desk's mailbox and
its Facebook Page inbox, all fictitious.

Run from anywhere:  python3 tools/gen_written_sample.py [--summary]
It (re)writes, deterministically:
  sample-data/helpdesk.toml                     which addresses and Page are the help desk's
  sample-data/email/thunderbird/Inbox, Sent     Thunderbird mbox files (no extension)
  sample-data/email/takeout/Todo el correo.mbox a Gmail Takeout mbox (X-GM-THRID, labels)
  sample-data/email/eml/*.eml                   loose messages (one Windows-1252 without charset,
                                                one HTML-only reply, quoted-printable, base64)
  sample-data/facebook/graph/conversations.json Graph API pages saved one after another
  sample-data/facebook/export/messages/inbox/<thread>/message_N.json   Meta's export (mojibake)
  sample-data/README.md                         its last section (after tools/gen_sample_data.py)
  tests/fixtures/sample_written_expected.csv    answer key: reply_id,criterion,expected
  tests/fixtures/sample_written_backlog.csv     answer key: channel,thread_key,waiting_since,age_business_h

Every reply is written from flags (salutation right / wrong / missing, welcome line, answer or
template alone, DNI and código modular asked, jargon, negative phrase, signature, footer pieces,
thanks line, delay); the answer key is computed from the same flags and from business hours counted
here the way callqa counts them (Monday to Saturday 08:00-18:00 Lima, holidays off). Standard
library only; no randomness.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.policy
import email.utils
import json
import os
import sys
from email.message import EmailMessage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "sample-data")
LIMA = dt.timezone(dt.timedelta(hours=-5))
DESK = "mesadeayuda.siagie@minedu.gob.pe"
PAGE_ID = "104857362910457"
PAGE_NAME = "SIAGIE - MINEDU"
HOLIDAYS = {dt.date(2026, 11, 1), dt.date(2026, 12, 8), dt.date(2026, 12, 9), dt.date(2026, 12, 25)}

OPERATORS = {
    "op01": ("Rosa", "Quispe Mamani"),
    "op02": ("Carlos", "Huarcaya Rojas"),
    "op03": ("Milagros", "Flores Ticona"),
    "op04": ("Luis", "Ccahuana Paredes"),
    "op05": ("Katherine", "Salazar Poma"),
    "op06": ("Jorge", "Villanueva Apaza"),
}
# op02 answers from his own alias (and signs with his first name only).
ALIASES = {"chuarcaya.siagie@minedu.gob.pe": "op02"}

# Queries: (text, needs the user's record, answer for a real reply)
QUERIES = {
    "bloqueo": ("No puedo ingresar al SIAGIE, me sale que mi usuario está bloqueado. ¿Qué hago?", True,
                "Su usuario fue desbloqueado. Ingrese al SIAGIE con su DNI y use la opción «Olvidé mi contraseña» para crear una clave nueva."),
    "notas": ("No me deja registrar las notas del segundo bimestre de 3er grado, el botón aparece desactivado.", True,
              "Para registrar las notas del segundo bimestre, el periodo debe estar abierto: ingrese a Evaluación, seleccione el periodo y pida al director que lo habilite si figura cerrado."),
    "acta": ("Buenas, necesito generar el acta de evaluación de fin de año de mi institución y no encuentro la opción.", True,
             "El acta se genera en el menú Evaluación, opción Actas: seleccione el nivel, el grado y la sección, y descargue el acta en PDF para la firma del director."),
    "traslado": ("Tengo un estudiante que viene de otra institución por traslado y el sistema no me deja matricularlo.", True,
                 "Primero la institución de origen debe registrar el traslado de salida; cuando lo haga, ingrese a Matrícula, seleccione «Traslado de ingreso» y busque al estudiante por su DNI."),
    "horario": ("¿Cuál es el horario de atención de la central telefónica del SIAGIE?", False,
                "Nuestra central telefónica atiende en horario de oficina, de 8 de la mañana a 6 de la tarde, también los sábados; fuera de ese horario puede escribirnos y le responderemos al día siguiente."),
    "guia": ("¿Dónde encuentro la guía del aplicativo para docentes? Soy nuevo en el colegio.", False,
             "La guía para docentes está en la página de inicio del SIAGIE, en la sección Ayuda: descargue el manual del docente y revise el capítulo de primeros pasos."),
    "clave": ("Olvidé mi contraseña del SIAGIE y el correo de recuperación no me llega.", True,
              "Hemos restablecido su contraseña: ingrese con la clave temporal que le llegará por mensaje y cámbiela al primer ingreso."),
    "director": ("Soy la nueva directora de la IE y necesito que se haga el cambio de director en el SIAGIE.", True,
                 "El cambio de director lo registra la UGEL: solicite a su UGEL la actualización con la resolución de designación; cuando la registren, ingrese con su DNI."),
    "secciones": ("No aparecen las secciones de 3er grado de secundaria en la matrícula 2026.", True,
                  "Las secciones se crean en el menú Institución, opción Secciones: verifique que el grado tenga secciones registradas para 2026 y créelas si faltan."),
    "plazo": ("¿Hasta cuándo es el plazo para el cierre del año escolar en el sistema?", False,
              "El plazo para el cierre del año escolar en el sistema vence el 31 de diciembre; revise el comunicado publicado en la página de inicio del SIAGIE."),
}

JARGON = "Su incidencia generó un ticket; limpie la caché y las cookies del navegador y vuelva a probar, pues el servidor ya sincroniza."
NEGATIVE = "Como ya le dijimos, eso no se puede hacer desde aquí."
TEMPLATE_FILLER = "Su consulta será atendida a la brevedad."
EMAIL_WELCOME = "La Mesa de Ayuda del SIAGIE le da la bienvenida. Estamos para resolver su dificultad en el uso del aplicativo informático."
FB_THANKS = "Gracias por comunicarse con SIAGIE y escribir sus comentarios. Para mayor información le ruego se comunique a:"
FOOTER = {
    "central": "Central de Atención - SIAGIE - MINEDU",
    "phone": "Teléfono: 615-5800 / Anexo: 26111",
    "hours": "Lunes a Sábado de 8:00 a.m. a 6:00 p.m.",
}

CRITERIA = {
    "email": ["salutation", "welcome_line", "answers_query", "asked_identification", "plain_language",
              "positive_language", "signature", "institutional_footer", "response_time"],
    "facebook": ["salutation", "dear_user", "answers_query", "asked_identification", "plain_language",
                 "positive_language", "institutional_footer", "thanks_line", "response_time"],
}


def lima(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=LIMA)


def business_hours(start: dt.datetime, end: dt.datetime) -> float:
    """Business hours between two times, as callqa counts them (rounded to the hundredth)."""
    if end <= start:
        return 0.0
    total = 0
    day = start.date()
    while day <= end.date():
        if day.weekday() < 6 and day not in HOLIDAYS:
            opens = dt.datetime.combine(day, dt.time(8), LIMA)
            closes = dt.datetime.combine(day, dt.time(18), LIMA)
            a, b = max(opens, start), min(closes, end)
            if b > a:
                total += int((b - a).total_seconds())
        day += dt.timedelta(days=1)
    return round(total / 36.0) / 100.0


def fnv1a(text: str) -> int:
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def part_of_day(at: dt.datetime) -> str:
    t = at.time()
    if t >= dt.time(19) or t < dt.time(5):
        return "Buenas noches"
    if t >= dt.time(12):
        return "Buenas tardes"
    return "Buenos días"


def wrong_part(at: dt.datetime) -> str:
    return "Buenos días" if part_of_day(at) != "Buenos días" else "Buenas tardes"


class Reply:
    """A help-desk reply written from flags."""

    def __init__(self, at, op, *, sal="ok", welcome=True, answer="real", ask=None, jargon=False,
                 negative=False, sig="full", footer=("central", "phone", "hours"), thanks=True,
                 split=False, alias=None, html=False, answer_text=None):
        self.at = lima(at)
        self.op = op
        self.sal = sal
        self.welcome = welcome
        self.answer = answer
        self.ask = ask
        self.jargon = jargon
        self.negative = negative
        self.sig = sig
        self.footer = tuple(footer)
        self.thanks = thanks
        self.split = split
        self.alias = alias
        self.html = html
        self.answer_text = answer_text

    def salutation(self):
        if self.sal == "ok":
            return part_of_day(self.at)
        if self.sal == "wrong":
            return wrong_part(self.at)
        return None

    def body_lines(self, query_key, channel):
        lines = []
        answer = self.answer_text or QUERIES[query_key][2]
        if self.ask == "both":
            lines.append("Para ubicar su registro, por favor indíquenos su número de DNI y el código modular de su institución educativa.")
        elif self.ask == "dni":
            lines.append("Para ubicar su registro, por favor indíquenos su número de DNI.")
        if self.answer == "real":
            lines.append(answer)
        else:
            lines.append(TEMPLATE_FILLER)
        if self.jargon:
            lines.append(JARGON)
        if self.negative:
            lines.append(NEGATIVE)
        return lines

    def footer_lines(self):
        return [FOOTER[k] for k in ("central", "phone", "hours") if k in self.footer]

    def signature_line(self):
        first, surnames = OPERATORS[self.op]
        return {
            "full": f"{first} {surnames}",
            "first": first,
            "generic": "Mesa de Ayuda SIAGIE",
            "none": None,
        }[self.sig]

    def email_text(self, query_key):
        parts = []
        sal = self.salutation()
        if sal:
            parts.append(sal)
        if self.welcome:
            parts.append(EMAIL_WELCOME)
        parts.append("")
        parts.extend(self.body_lines(query_key, "email"))
        parts.append("")
        sig = self.signature_line()
        if sig is not None:
            parts.append("Atentamente,")
            parts.append(sig)
        parts.extend(self.footer_lines())
        return "\n".join(parts)

    def facebook_messages(self, query_key):
        """The reply as one or two Messenger messages (split: the salutation first)."""
        head = []
        sal = self.salutation()
        if sal:
            head.append(sal)
        if self.welcome:
            head.append("Estimado usuario:")
        rest = list(self.body_lines(query_key, "facebook"))
        if self.thanks:
            rest.append(FB_THANKS)
        rest.extend(self.footer_lines())
        if self.sig == "full":
            first, surnames = OPERATORS[self.op]
            rest.append(f"Atte. {first} {surnames.split()[0]}")
        if self.split and head:
            return ["\n".join(head), "\n".join(rest)]
        return ["\n".join(head + rest)]

    def expected(self, channel, needs, given, number, waiting_since):
        out = {}
        out["salutation"] = "pass" if self.sal == "ok" else "fail"
        if channel == "email":
            out["welcome_line"] = "pass" if self.welcome else "fail"
            out["signature"] = "pass" if self.sig == "full" else "fail"
        else:
            out["dear_user"] = "pass" if self.welcome else "fail"
            out["thanks_line"] = "pass" if self.thanks else "fail"
        out["answers_query"] = "pass" if self.answer == "real" else "fail"
        missing = {k for k in ("dni", "code") if k not in given}
        if not needs or not missing:
            out["asked_identification"] = "na"
        else:
            asked = {"both": {"dni", "code"}, "dni": {"dni"}, None: set()}[self.ask]
            out["asked_identification"] = "pass" if missing <= asked else "fail"
        out["plain_language"] = "fail" if self.jargon else "pass"
        out["positive_language"] = "fail" if self.negative else "pass"
        out["institutional_footer"] = "pass" if len(self.footer) == 3 else "fail"
        sla = 4.0 if number == 1 else 8.0
        out["response_time"] = "pass" if business_hours(waiting_since, self.at) <= sla else "fail"
        return out


class User:
    def __init__(self, at, text, gives=()):
        self.at = lima(at)
        self.text = text
        self.gives = set(gives)


# Threads: (channel, storage, query key, user name, user address, subject, steps). Steps alternate
# User(...) and Reply(...). Storage: e-mail "tb" (Thunderbird Inbox/Sent), "gm" (Takeout), "eml",
# with options; Facebook "graph" or "export".
DNI_TEXT = "Mi DNI es 41826354 y el código modular de mi institución es 0512345."
DNI_ONLY = "Mi DNI es 41826354."
CODE_ONLY = "El código modular es 0512345."


def threads():
    T = []

    def email(storage, q, name, addr, subject, *steps, **options):
        T.append(dict(channel="email", storage=storage, q=q, name=name, addr=addr, subject=subject,
                      steps=list(steps), options=options.get("options", options)))

    def fb(storage, q, name, *steps, **options):
        T.append(dict(channel="facebook", storage=storage, q=q, name=name, addr=None, subject="",
                      steps=list(steps), options=options.get("options", options)))

    # --- e-mail: op01 (follows the protocol) ---
    email("tb", "bloqueo", "Nelly Condori", "nelly.condori@gmail.com", "Usuario bloqueado",
          User("2026-11-02 08:40", QUERIES["bloqueo"][0]),
          Reply("2026-11-02 09:30", "op01", ask="both", answer="real"),
          User("2026-11-02 10:05", DNI_TEXT, gives={"dni", "code"}),
          Reply("2026-11-02 11:15", "op01"))
    email("tb", "horario", "Wilber Mamani", "wmamani.ie@hotmail.com", "Horario de la central",
          User("2026-11-03 14:10", QUERIES["horario"][0]),
          Reply("2026-11-03 15:00", "op01"))
    email("gm", "acta", "Gladys Ramos", "gladys.ramos.ie@gmail.com", "Acta de evaluación",
          User("2026-11-06 19:45", QUERIES["acta"][0] + " " + DNI_TEXT, gives={"dni", "code"}),
          # After hours: answered the next morning, within the SLA.
          Reply("2026-11-07 09:10", "op01"))
    email("eml", "notas", "Edwin Paucar", "epaucar@yahoo.es", "Notas del bimestre",
          User("2026-11-09 11:20", QUERIES["notas"][0]),
          Reply("2026-11-09 12:40", "op01", ask="both"),
          User("2026-11-09 16:55", DNI_TEXT, gives={"dni", "code"}),
          Reply("2026-11-10 08:50", "op01"))
    email("tb", "guia", "Hugo Salas", "hugo.salas@gmail.com", "Guía para docentes",
          User("2026-11-14 17:30", QUERIES["guia"][0]),
          # Saturday 17:30 -> Monday 08:45: 45 business minutes (Sunday does not count).
          Reply("2026-11-16 08:45", "op01"))
    email("gm", "plazo", "Rocío Huamán", "rocio.huaman@gmail.com", "Plazo de cierre",
          User("2026-11-20 21:10", QUERIES["plazo"][0]),
          Reply("2026-11-21 10:30", "op01"))
    # --- op02: signs with his first name; asks only for the DNI ---
    email("tb", "clave", "Julio Torres", "juliotorres.prof@gmail.com", "Contraseña",
          User("2026-11-03 09:05", QUERIES["clave"][0]),
          Reply("2026-11-03 10:20", "op02", ask="dni", sig="first", alias="chuarcaya.siagie@minedu.gob.pe"),
          User("2026-11-03 10:40", DNI_ONLY, gives={"dni"}),
          Reply("2026-11-03 11:30", "op02", sig="first", alias="chuarcaya.siagie@minedu.gob.pe"))
    email("eml", "traslado", "Flor Ccori", "flor.ccori@outlook.com", "Traslado de estudiante",
          User("2026-11-05 15:30", QUERIES["traslado"][0]),
          Reply("2026-11-05 16:10", "op02", ask="dni", sig="first", alias="chuarcaya.siagie@minedu.gob.pe"),
          options={"user_cp1252": True})
    email("gm", "secciones", "Raúl Yupanqui", "raul.yupanqui@gmail.com", "Secciones 3er grado",
          User("2026-11-10 08:15", QUERIES["secciones"][0] + " " + CODE_ONLY, gives={"code"}),
          Reply("2026-11-10 09:00", "op02", ask="dni", sig="first", alias="chuarcaya.siagie@minedu.gob.pe"))
    email("tb", "horario", "Karina Lozano", "karina.lozano@gmail.com", "Consulta",
          User("2026-11-12 10:00", QUERIES["horario"][0]),
          Reply("2026-11-12 10:45", "op02", sig="first", alias="chuarcaya.siagie@minedu.gob.pe"))
    email("eml", "acta", "Beatriz Soto", "bsoto.directora@gmail.com", "Actas 2026",
          User("2026-11-17 12:10", QUERIES["acta"][0]),
          Reply("2026-11-17 13:00", "op02", ask="both", sig="first", alias="chuarcaya.siagie@minedu.gob.pe"),
          options={"reply_qp_latin1": True})
    # --- op03: wrong salutation for the hour; footer without the schedule ---
    email("tb", "notas", "Marleni Chávez", "marleni.chavez@gmail.com", "No puedo registrar notas",
          User("2026-11-04 13:00", QUERIES["notas"][0] + " " + DNI_TEXT, gives={"dni", "code"}),
          Reply("2026-11-04 15:20", "op03", sal="wrong", footer=("central", "phone")))
    email("gm", "guia", "Iván Quispe", "ivan.quispe.doc@gmail.com", "Guía",
          User("2026-11-06 09:00", QUERIES["guia"][0]),
          Reply("2026-11-06 09:40", "op03"))
    email("eml", "director", "Sonia Apaza", "sonia.apaza.dir@gmail.com", "Cambio de director",
          User("2026-11-11 14:30", QUERIES["director"][0]),
          Reply("2026-11-11 16:00", "op03", sal="wrong", ask="both", footer=("central", "phone")),
          options={"reply_html_only": True})
    email("tb", "plazo", "Pedro Gutiérrez", "pgutierrez@hotmail.com", "Cierre del año",
          User("2026-11-18 07:30", QUERIES["plazo"][0]),
          Reply("2026-11-18 09:05", "op03", sal="none"))
    email("gm", "bloqueo", "Elena Ruiz", "elena.ruiz.ie@gmail.com", "Usuario bloqueado",
          User("2026-11-23 10:10", QUERIES["bloqueo"][0] + " " + DNI_TEXT, gives={"dni", "code"}),
          Reply("2026-11-23 13:30", "op03", footer=("central", "phone")))
    # --- op04: slow, sometimes only the template, once a generic signature ---
    email("tb", "traslado", "Doris Cárdenas", "doris.cardenas@gmail.com", "Traslado",
          User("2026-11-02 09:00", QUERIES["traslado"][0] + " " + DNI_TEXT, gives={"dni", "code"}),
          # Monday 09:00 -> Tuesday 09:00: ten business hours.
          Reply("2026-11-03 09:00", "op04"))
    email("gm", "clave", "Mario Vílchez", "mario.vilchez@gmail.com", "Clave",
          User("2026-11-06 16:00", QUERIES["clave"][0]),
          # Friday 16:00 -> Monday 10:00: 2 + 10 + 2 = 14 business hours.
          Reply("2026-11-09 10:00", "op04", ask="both", answer="template"))
    email("eml", "secciones", "Nancy Flores", "nancy.flores@gmail.com", "Secciones",
          User("2026-11-13 11:00", QUERIES["secciones"][0]),
          Reply("2026-11-13 14:30", "op04", ask="both"),
          User("2026-11-13 15:00", DNI_TEXT, gives={"dni", "code"}),
          Reply("2026-11-16 09:00", "op04", answer="template"),
          options={"user_base64": True})
    email("tb", "guia", "Tomás Huanca", "tomas.huanca@gmail.com", "Manual",
          User("2026-11-19 08:30", QUERIES["guia"][0]),
          Reply("2026-11-19 11:00", "op04", sig="generic"))
    email("gm", "horario", "Lucía Pari", "lucia.pari@gmail.com", "Horario",
          User("2026-11-25 10:00", QUERIES["horario"][0]),
          Reply("2026-11-26 11:00", "op04"))
    # --- op05: jargon ---
    email("tb", "bloqueo", "Abel Cusi", "abel.cusi@gmail.com", "No puedo entrar",
          User("2026-11-04 10:00", QUERIES["bloqueo"][0] + " " + DNI_TEXT, gives={"dni", "code"}),
          Reply("2026-11-04 11:00", "op05", jargon=True))
    email("gm", "notas", "Carmen Luna", "carmen.luna@gmail.com", "Notas",
          User("2026-11-09 15:00", QUERIES["notas"][0]),
          Reply("2026-11-09 16:30", "op05", ask="both", jargon=True),
          User("2026-11-09 17:00", DNI_TEXT, gives={"dni", "code"}),
          Reply("2026-11-10 09:30", "op05"))
    email("eml", "plazo", "Ruth Mendoza", "ruth.mendoza@gmail.com", "Plazo",
          User("2026-11-16 12:30", QUERIES["plazo"][0]),
          Reply("2026-11-16 14:00", "op05"))
    email("tb", "clave", "Óscar León", "oscar.leon@gmail.com", "Clave SIAGIE",
          User("2026-11-24 09:10", QUERIES["clave"][0]),
          Reply("2026-11-24 10:00", "op05", ask="both", jargon=True),
          # The user's webmail sends the follow-up without In-Reply-To: it joins by subject.
          User("2026-11-24 11:30", "Ya pude entrar, muchas gracias."),
          Reply("2026-11-24 12:00", "op05",
                answer_text="Con gusto. Si vuelve a tener problemas para entrar, ingrese a la opción «Olvidé mi contraseña»."),
          options={"followup_without_headers": True})
    # --- op06: negative phrases, no welcome line ---
    email("gm", "director", "Gloria Pinto", "gloria.pinto@gmail.com", "Director",
          User("2026-11-05 10:30", QUERIES["director"][0] + " " + DNI_TEXT, gives={"dni", "code"}),
          Reply("2026-11-05 12:00", "op06", welcome=False, negative=True))
    email("tb", "acta", "Víctor Ramos", "victor.ramos@gmail.com", "Acta",
          User("2026-11-12 16:40", QUERIES["acta"][0]),
          Reply("2026-11-12 17:50", "op06", welcome=False, ask="both"),
          User("2026-11-13 08:10", DNI_TEXT, gives={"dni", "code"}),
          Reply("2026-11-13 09:00", "op06", welcome=False, negative=True),
          User("2026-11-13 09:30", "Pero ya hice eso y me sigue saliendo el mismo error en el acta, por favor ayúdeme."),
          Reply("2026-11-13 10:15", "op06", welcome=False,
                answer_text="Revise que todas las notas del acta estén registradas; si falta una sola nota, el acta no se genera. Ingrese a Evaluación y complete las notas pendientes."),
          options={"long_history": True})
    email("eml", "horario", "Ana Torres", "ana.torres@gmail.com", "Horario",
          User("2026-11-19 18:40", QUERIES["horario"][0]),
          Reply("2026-11-20 08:30", "op06", welcome=False))
    email("gm", "guia", "Walter Huerta", "walter.huerta@gmail.com", "Guía del docente",
          User("2026-11-27 09:00", QUERIES["guia"][0]),
          Reply("2026-11-27 10:10", "op06", negative=True))
    # --- more op01 and op03 (the month's volume) ---
    email("eml", "secciones", "Liliana Vega", "liliana.vega@gmail.com", "Secciones 2026",
          User("2026-11-26 08:20", QUERIES["secciones"][0]),
          Reply("2026-11-26 09:15", "op01", ask="both"))
    email("tb", "traslado", "Jaime Orosco", "jaime.orosco@gmail.com", "Traslado de alumna",
          User("2026-11-28 11:30", QUERIES["traslado"][0] + " " + DNI_TEXT, gives={"dni", "code"}),
          Reply("2026-11-28 12:20", "op03"))
    # --- the backlog: messages nobody answered by the end of the month ---
    email("tb", "notas", "Silvia Rojas", "silvia.rojas@gmail.com", "Urgente notas",
          User("2026-11-27 17:20", QUERIES["notas"][0]))
    email("gm", "clave", "Félix Ayala", "felix.ayala@gmail.com", "Recuperar clave",
          User("2026-11-30 09:00", QUERIES["clave"][0]))
    email("eml", "director", "Teresa Lazo", "teresa.lazo@gmail.com", "Designación",
          User("2026-11-30 16:30", QUERIES["director"][0]),
          Reply("2026-11-30 17:10", "op01", ask="both"),
          User("2026-11-30 17:40", DNI_TEXT, gives={"dni", "code"}))

    # --- Facebook: Graph API ---
    fb("graph", "bloqueo", "Nelly Ccama",
       User("2026-11-02 10:00", "Hola buen día, " + QUERIES["bloqueo"][0].lower()),
       Reply("2026-11-02 10:30", "op01", ask="both", split=True),
       User("2026-11-02 10:40", DNI_TEXT, gives={"dni", "code"}),
       Reply("2026-11-02 11:00", "op01"),
       options={"spread_over_pages": True})
    fb("graph", "horario", "Pablo Quispe",
       User("2026-11-03 20:15", QUERIES["horario"][0]),
       Reply("2026-11-04 08:20", "op01"))
    fb("graph", "clave", "Mirtha Salas",
       User("2026-11-05 12:00", QUERIES["clave"][0]),
       Reply("2026-11-05 13:30", "op02", ask="dni"))
    fb("graph", "guia", "Jhon Pérez",
       User("2026-11-07 15:00", QUERIES["guia"][0]),
       Reply("2026-11-07 15:40", "op03", sal="wrong", footer=("central", "phone")))
    fb("graph", "notas", "Yeni Choque",
       User("2026-11-09 09:00", QUERIES["notas"][0] + " " + DNI_TEXT, gives={"dni", "code"}),
       Reply("2026-11-10 09:30", "op04"))
    fb("graph", "acta", "René Salazar",
       User("2026-11-11 10:00", QUERIES["acta"][0]),
       Reply("2026-11-11 10:40", "op05", ask="both", jargon=True))
    fb("graph", "plazo", "Marisol Díaz",
       User("2026-11-12 11:00", QUERIES["plazo"][0]),
       Reply("2026-11-12 11:30", "op06", welcome=False, thanks=False, negative=True))
    fb("graph", "traslado", "Hilda Cruz",
       User("2026-11-16 08:30", QUERIES["traslado"][0]),
       Reply("2026-11-16 09:10", "op01", ask="both", split=True),
       User("2026-11-16 09:20", DNI_TEXT, gives={"dni", "code"}),
       Reply("2026-11-16 10:00", "op01"))
    fb("graph", "secciones", "Edgar Mamani",
       User("2026-11-18 14:00", QUERIES["secciones"][0] + " " + DNI_TEXT, gives={"dni", "code"}),
       Reply("2026-11-18 14:45", "op04", answer="template", footer=("central",)))
    fb("graph", "director", "Norma Villca",
       User("2026-11-21 17:45", QUERIES["director"][0]),
       # Saturday 17:45 -> Monday 08:30: 45 business minutes.
       Reply("2026-11-23 08:30", "op03", ask="both"))
    fb("graph", "horario", "Kevin Ríos",
       User("2026-11-24 12:10", QUERIES["horario"][0]),
       Reply("2026-11-24 12:30", "op06", welcome=False, thanks=False, sig="none"))
    fb("graph", "guia", "Flor Anccasi",
       User("2026-11-28 19:30", QUERIES["guia"][0]))
    # --- Facebook: Meta's export ---
    fb("export", "clave", "María Ñahui",
       User("2026-11-04 09:15", "Buenos días, " + QUERIES["clave"][0].lower()),
       Reply("2026-11-04 09:50", "op01", ask="both"),
       User("2026-11-04 10:05", DNI_TEXT, gives={"dni", "code"}),
       Reply("2026-11-04 10:30", "op01"),
       options={"two_files": True})
    fb("export", "notas", "José Peña",
       User("2026-11-06 18:30", QUERIES["notas"][0]),
       Reply("2026-11-07 09:30", "op02", ask="dni"))
    fb("export", "horario", "Rosa Añazco",
       User("2026-11-10 13:00", QUERIES["horario"][0]),
       Reply("2026-11-10 13:20", "op05", jargon=True))
    fb("export", "acta", "Ángel Huamaní",
       User("2026-11-13 10:30", QUERIES["acta"][0] + " " + DNI_TEXT, gives={"dni", "code"}),
       Reply("2026-11-13 12:00", "op03", footer=("central", "phone")))
    fb("export", "traslado", "Lourdes Ticona",
       User("2026-11-17 16:00", QUERIES["traslado"][0]),
       # Tuesday 16:00 -> Wednesday 15:00: 2 + 7 = 9 business hours.
       Reply("2026-11-18 15:00", "op04", ask="both"))
    fb("export", "plazo", "César Muñoz",
       User("2026-11-20 10:00", QUERIES["plazo"][0]),
       Reply("2026-11-20 10:20", "op06", welcome=False, thanks=False))
    fb("export", "guia", "Sofía Condori",
       User("2026-11-23 08:05", QUERIES["guia"][0]),
       Reply("2026-11-23 08:40", "op02"))
    fb("export", "secciones", "Dante Poma",
       User("2026-11-25 11:00", QUERIES["secciones"][0]),
       Reply("2026-11-25 11:45", "op05", ask="both"))
    fb("export", "bloqueo", "Yolanda Quispe",
       User("2026-11-27 15:00", QUERIES["bloqueo"][0] + " " + DNI_TEXT, gives={"dni", "code"}),
       Reply("2026-11-27 15:30", "op01"))
    fb("export", "director", "Iris Chambi",
       User("2026-11-30 11:00", QUERIES["director"][0]))
    return T


# ---------------------------------------------------------------------------------------------------
# E-mail writing

def fmt_date(at: dt.datetime, utc=False) -> str:
    if utc:
        return email.utils.format_datetime(at.astimezone(dt.timezone.utc))
    return email.utils.format_datetime(at)


def quote_block(text: str, who: str, at: dt.datetime) -> str:
    header = f"El {at.strftime('%d/%m/%Y')} a las {at.strftime('%H:%M')}, {who} escribió:"
    return header + "\n" + "\n".join("> " + line if line else ">" for line in text.split("\n"))


def build_email_thread(i, t):
    """The thread's messages as (storage file, bytes, sent_at) and its key."""
    options = t["options"]
    domain = t["addr"].split("@")[1]
    msgs = []
    history = []  # (who, at, text) for quoting
    ids = []
    subject = t["subject"]
    for n, step in enumerate(t["steps"]):
        is_user = isinstance(step, User)
        mid = f"{i:02d}.{n}.{step.at.strftime('%Y%m%d%H%M')}@{domain if is_user else 'minedu.gob.pe'}"
        if is_user:
            text = step.text + f"\n\nSaludos,\n{t['name']}"
            sender = (t["name"], t["addr"])
            to = ("Mesa de Ayuda SIAGIE", DESK)
        else:
            text = step.email_text(t["q"])
            sender = ("Mesa de Ayuda SIAGIE", step.alias or DESK)
            to = (t["name"], t["addr"])
        own = text
        if history and (options.get("long_history") or not is_user):
            # Replies quote the message they answer; in the long thread every message quotes the whole
            # history below it.
            quoted = history if options.get("long_history") else history[-1:]
            for who, at, old in reversed(quoted):
                text += "\n\n" + quote_block(old, who, at)
        history.append((sender[0], step.at, own))
        msg = EmailMessage(policy=email.policy.default.clone(linesep="\n"))
        msg["From"] = email.utils.formataddr(sender)
        msg["To"] = email.utils.formataddr(to)
        msg["Subject"] = subject if n == 0 else ("RE: " if not is_user else "Re: ") + subject
        msg["Date"] = fmt_date(step.at, utc=is_user and domain == "gmail.com")
        msg["Message-ID"] = f"<{mid}>"
        without_headers = options.get("followup_without_headers") and is_user and n > 0
        if ids and not without_headers:
            msg["In-Reply-To"] = f"<{ids[-1]}>"
            msg["References"] = " ".join(f"<{x}>" for x in ids)
        if not is_user and options.get("reply_html_only"):
            body = "".join(f"<p>{line}</p>" if line else "<p>&nbsp;</p>" for line in own.split("\n"))
            quoted = "".join(f"<p>{line}</p>" for line in history[-2][2].split("\n"))
            html = (f"<html><body>{body}<div class=\"gmail_quote\">El {history[-2][1].strftime('%d/%m/%Y')}, "
                    f"{history[-2][0]} escribió:<blockquote>{quoted}</blockquote></div></body></html>")
            msg.set_content(html, subtype="html", charset="utf-8", cte="quoted-printable")
            raw = msg.as_bytes()
        elif is_user and options.get("user_cp1252") and n == 0:
            head = (f"From: {email.utils.formataddr(sender)}\nTo: {email.utils.formataddr(to)}\n"
                    f"Subject: {subject}\nDate: {fmt_date(step.at)}\nMessage-ID: <{mid}>\n"
                    "MIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n")
            raw = head.encode("ascii") + text.encode("cp1252") + b"\n"
        elif not is_user and options.get("reply_qp_latin1"):
            msg.set_content(text, charset="iso-8859-1", cte="quoted-printable")
            raw = msg.as_bytes()
        elif is_user and options.get("user_base64"):
            msg.set_content(text, charset="utf-8", cte="base64")
            raw = msg.as_bytes()
        elif not is_user and n == 1 and i % 3 == 0:
            # multipart/alternative, as webmail sends it.
            msg.set_content(text, charset="utf-8")
            html = "".join(f"<div>{line or '<br>'}</div>" for line in text.split("\n"))
            msg.add_alternative(f"<html><body>{html}</body></html>", subtype="html")
            msg.set_boundary(f"=_callqa_{i:02d}_{n}")  # fixed, so the files are the same every run
            raw = msg.as_bytes()
        else:
            msg.set_content(text, charset="utf-8", cte="quoted-printable" if n % 2 else "8bit")
            raw = msg.as_bytes()
        ids.append(mid)
        if t["storage"] == "tb":
            where = "email/thunderbird/Inbox" if is_user else "email/thunderbird/Sent"
        elif t["storage"] == "gm":
            where = "email/takeout/Todo el correo, incluido Spam y Papelera.mbox"
        else:
            where = f"email/eml/{step.at.strftime('%Y%m%d-%H%M')}-{'usuario' if is_user else 'mesa'}-{i:02d}.eml"
        msgs.append((where, raw, step.at, is_user))
    return msgs, ids[0]


def mbox_separator(storage_file: str, at: dt.datetime, thread_no: int) -> bytes:
    utc = at.astimezone(dt.timezone.utc)
    if "thunderbird" in storage_file:
        return ("From - " + utc.strftime("%a %b %d %H:%M:%S %Y") + "\n"
                "X-Mozilla-Status: 0001\nX-Mozilla-Status2: 00000000\n").encode()
    thrid = 1_790_000_000_000_000_000 + thread_no
    return (f"From {thrid}@xxx {utc.strftime('%a %b %d %H:%M:%S +0000 %Y')}\n"
            f"X-GM-THRID: {thrid}\nX-Gmail-Labels: Recibidos,Abiertos\n").encode()


def mboxrd_body(raw: bytes) -> bytes:
    out = []
    for line in raw.split(b"\n"):
        stripped = line.lstrip(b">")
        if stripped.startswith(b"From "):
            line = b">" + line
        out.append(line)
    return b"\n".join(out)


# ---------------------------------------------------------------------------------------------------
# Facebook writing

def mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def build_facebook_thread(i, t):
    """The conversation's messages as (at, side, text) in time order."""
    out = []
    for step in t["steps"]:
        if isinstance(step, User):
            out.append((step.at, "user", step.text))
        else:
            for k, text in enumerate(step.facebook_messages(t["q"])):
                out.append((step.at + dt.timedelta(minutes=2 * k), "page", text))
    return out


def graph_time(at: dt.datetime) -> str:
    return at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def write_facebook(fb_threads):
    graph = [(i, t) for i, t in fb_threads if t["storage"] == "graph"]
    conversations = []
    keys = {}
    for i, t in graph:
        psid = str(6100000000000000 + i * 7919)
        cid = f"t_{10160000000000000 + i * 104729}"
        keys[i] = cid
        messages = []
        for n, (at, side, text) in enumerate(build_facebook_thread(i, t)):
            sender = {"name": PAGE_NAME, "id": PAGE_ID} if side == "page" else {"name": t["name"], "id": psid}
            messages.append({"id": f"m_{cid[2:]}_{n}", "created_time": graph_time(at), "from": sender,
                             "message": text})
        messages.reverse()  # the Graph API lists the newest first
        conversations.append((cid, t, messages))
    half = len(conversations) // 2
    pages = [conversations[:half], conversations[half:]]
    out = []
    for p, page in enumerate(pages):
        data = []
        for cid, t, messages in page:
            if t["options"].get("spread_over_pages") and p == 0:
                # The newest messages on this page, the older ones on the next.
                data.append({"id": cid, "updated_time": messages[0]["created_time"],
                             "messages": {"data": messages[:2], "paging": {"next": "https://graph.facebook.com/v19.0/" + cid + "/messages?after=QVFI"}}})
                pages[1].append((cid, dict(t, options={}), messages[2:]))
                continue
            data.append({"id": cid, "updated_time": messages[0]["created_time"], "messages": {"data": messages}})
        document = {"data": data, "paging": {"cursors": {"before": f"QVFIU{p}", "after": f"QVFIU{p + 1}"}}}
        if p == 0:
            document["paging"]["next"] = f"https://graph.facebook.com/v19.0/{PAGE_ID}/conversations?fields=messages%7Bmessage%2Cfrom%2Ccreated_time%7D&after=QVFIU1"
        out.append(json.dumps(document, ensure_ascii=False, indent=1))
    path = os.path.join(DATA, "facebook/graph/conversations.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    # Meta's export.
    for i, t in fb_threads:
        if t["storage"] != "export":
            continue
        folder = "".join(c for c in t["name"].lower().replace(" ", "") if c.isascii() and c.isalnum())
        folder = f"{folder}_{7_000_000_000 + i * 131}"
        keys[i] = f"inbox/{folder}"
        messages = [{"sender_name": mojibake(PAGE_NAME if side == "page" else t["name"]),
                     "timestamp_ms": int(at.timestamp() * 1000),
                     "content": mojibake(text), "is_geoblocked_for_viewer": False}
                    for at, side, text in build_facebook_thread(i, t)]
        messages.reverse()
        files = [messages]
        if t["options"].get("two_files"):
            files = [messages[:2], messages[2:]]
        for n, chunk in enumerate(files, 1):
            document = {"participants": [{"name": mojibake(t["name"])}, {"name": PAGE_NAME}],
                        "messages": chunk, "title": mojibake(t["name"]), "is_still_participant": True,
                        "thread_path": f"inbox/{folder}", "magic_words": []}
            path = os.path.join(DATA, f"facebook/export/messages/inbox/{folder}/message_{n}.json")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="ascii", newline="\n") as f:
                f.write(json.dumps(document, ensure_ascii=True, indent=2) + "\n")
    return keys


# ---------------------------------------------------------------------------------------------------

def expected_rows(i, t, key):
    """(reply_id, criterion, expected) for every reply of the thread, and the backlog entry."""
    first_at = t["steps"][0].at
    hash8 = "%08x" % (fnv1a(key) & 0xFFFFFFFF)
    prefix = "em" if t["channel"] == "email" else "fb"
    rows = []
    given = set()
    waiting = []
    number = 0
    for step in t["steps"]:
        if isinstance(step, User):
            given |= step.gives
            waiting.append(step)
            continue
        number += 1
        needs_record = QUERIES[t["q"]][1]
        # The query the reply answers: the user's messages since the previous reply.
        needs = needs_record if number == 1 else False
        if number > 1:
            needs = any(QUERIES[t["q"]][1] and w.text == QUERIES[t["q"]][0] for w in waiting) or \
                any(word in w.text.lower() for w in waiting for word in ("acta", "notas", "clave", "matr"))
        expected = step.expected(t["channel"], needs, given, number, waiting[0].at)
        rid = f"{prefix}-{first_at.strftime('%Y%m%d')}-{hash8}-{number:02d}"
        for criterion in CRITERIA[t["channel"]]:
            rows.append((rid, criterion, expected[criterion]))
        waiting = []
    backlog = None
    if waiting:
        end = dt.datetime(2026, 12, 1, tzinfo=LIMA)
        backlog = (t["channel"], key, waiting[0].at.isoformat(), business_hours(waiting[0].at, end))
    return rows, backlog


def main():
    summary = "--summary" in sys.argv
    for sub in ("email", "facebook"):
        target = os.path.join(DATA, sub)
        if os.path.isdir(target):
            for dirpath, dirnames, filenames in os.walk(target, topdown=False):
                for name in filenames:
                    os.remove(os.path.join(dirpath, name))
                for name in dirnames:
                    os.rmdir(os.path.join(dirpath, name))
    all_threads = threads()
    email_threads = [(i, t) for i, t in enumerate(all_threads) if t["channel"] == "email"]
    fb_threads = [(i, t) for i, t in enumerate(all_threads) if t["channel"] == "facebook"]
    files = {}
    keys = {}
    for i, t in email_threads:
        msgs, key = build_email_thread(i, t)
        keys[i] = key
        for where, raw, at, is_user in msgs:
            files.setdefault(where, []).append((at, i, raw))
    for where, entries in sorted(files.items()):
        path = os.path.join(DATA, where)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            if where.endswith(".eml"):
                f.write(entries[0][2])
            else:
                for at, i, raw in sorted(entries, key=lambda e: (e[0], e[1])):
                    f.write(mbox_separator(where, at, i) + mboxrd_body(raw).rstrip(b"\n") + b"\n\n")
    keys.update(write_facebook(fb_threads))
    with open(os.path.join(DATA, "helpdesk.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(HELPDESK_TOML)
    rows, backlog = [], []
    for i, t in email_threads + fb_threads:
        r, b = expected_rows(i, t, keys[i])
        rows.extend(r)
        if b:
            backlog.append(b)
    rows.sort()
    backlog.sort(key=lambda b: (b[2], b[1]))
    with open(os.path.join(ROOT, "tests/fixtures/sample_written_expected.csv"), "w", newline="\n", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["reply_id", "criterion", "expected"])
        w.writerows(rows)
    with open(os.path.join(ROOT, "tests/fixtures/sample_written_backlog.csv"), "w", newline="\n", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["channel", "thread_key", "waiting_since", "age_business_h"])
        w.writerows(backlog)
    replies = len({r[0] for r in rows})
    counts = {}
    for rid, criterion, outcome in rows:
        counts.setdefault((rid[:2], criterion), {"pass": 0, "fail": 0, "na": 0})[outcome] += 1
    # The sample month's README (written by tools/gen_sample_data.py) gets this section at its end.
    readme_path = os.path.join(DATA, "README.md")
    with open(readme_path, encoding="utf-8") as f:
        text = f.read()
    marker = "\n<!-- canales escritos: tools/gen_written_sample.py -->\n"
    text = text.split(marker)[0].rstrip("\n") + "\n" + marker + "\n"
    with open(readme_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text + readme(email_threads, fb_threads, replies, backlog, counts))
    if summary:
        print(f"e-mail threads {len(email_threads)}, Facebook conversations {len(fb_threads)}, replies {replies}, backlog {len(backlog)}")
        for (channel, criterion), c in sorted(counts.items()):
            print(f"{channel} {criterion:22} pass {c['pass']:3} fail {c['fail']:3} na {c['na']:3}")


HELPDESK_TOML = """\
# Which side of a written conversation is the help desk (read by callqa beside operators.csv).
[email]
# The help desk's shared mailbox.
addresses = ["mesadeayuda.siagie@minedu.gob.pe"]
# Operators who answer from their own alias: the alias names the operator (else the signature does).
operator_mailboxes = { "chuarcaya.siagie@minedu.gob.pe" = "op02" }

[facebook]
# Graph API: the Page's id in `from.id`; Meta's export: the Page's name in `sender_name`.
page_ids = ["104857362910457"]
page_names = ["SIAGIE - MINEDU"]
"""


def readme(email_threads, fb_threads, replies, backlog, counts):
    lines = [
        "## Canales escritos: correo electrónico y Facebook",
        "",
        "Esta sección y los archivos de `email/`, `facebook/` y `helpdesk.toml` los genera",
        "`python3 tools/gen_written_sample.py` (determinista; después de `tools/gen_sample_data.py`).",
        "",
        f"- {len(email_threads)} hilos de correo y {len(fb_threads)} conversaciones de Facebook de noviembre de 2026;",
        f"  {replies} respuestas de la Mesa de Ayuda y {len(backlog)} hilos sin respuesta al cierre del mes.",
        "- Correo: `email/thunderbird/Inbox` y `Sent` (mbox de Thunderbird, sin extensión),",
        "  `email/takeout/…mbox` (Gmail Takeout) y `email/eml/*.eml` sueltos. Hay un mensaje en",
        "  Windows-1252 sin charset declarado, una respuesta solo en HTML, quoted-printable en ISO-8859-1,",
        "  base64, multipart/alternative, un hilo con todo el historial citado en cada mensaje y un",
        "  seguimiento sin In-Reply-To (se une al hilo por el asunto).",
        "- Facebook: `facebook/graph/conversations.json` (dos páginas de la Graph API guardadas una tras",
        "  otra; una conversación repartida entre ambas) y `facebook/export/messages/inbox/…/message_N.json`",
        "  (exportación de Meta, con el texto en mojibake que callqa repara; un hilo en dos archivos).",
        "- `helpdesk.toml`: el buzón de la Mesa de Ayuda, el alias de op02 y la Página.",
        "",
        "Perfiles: op01 sigue la plantilla; op02 firma solo con el nombre y pide solo el DNI; op03 saluda",
        "mal según la hora y omite el horario en el pie; op04 responde tarde y a veces solo con la",
        "plantilla; op05 usa tecnicismos; op06 usa frases negativas y omite la bienvenida.",
        "",
        "| canal | criterio | cumple | no cumple | no aplica |",
        "|---|---|---:|---:|---:|",
    ]
    for (channel, criterion), c in sorted(counts.items()):
        name = "correo" if channel == "em" else "facebook"
        lines.append(f"| {name} | {criterion} | {c['pass']} | {c['fail']} | {c['na']} |")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
