#!/usr/bin/env python3
"""Writes callqa's bundled sample data: a fictitious month (November 2026) of SIAGIE help-desk calls.

Run from anywhere:  python3 tools/gen_sample_data.py
It (re)writes, deterministically (byte-identical on every run):
  sample-data/operators.csv
  sample-data/transcripts/2026-11-DD/<recording name>.<vtt|srt|json|txt>
  sample-data/README.md
  tests/fixtures/sample_expected.csv   (answer key: call_id,criterion,expected)
  sample-data/pbx/queue_log, Master.csv, ami.log   (Asterisk logs of the same month, see build_pbx())
  tests/fixtures/sample_lines_expected.csv   (answer key of the daily line review)
  tests/fixtures/sample_pbx_expected.csv     (answer key per extension: rings, busy, failed, suspect)
With --summary it also prints the calls, the verdict counts and the PBX figures.

PBX logs: build_pbx(calls) turns the transcript calls into the PBX's view of the month (one
transcript call, J4, is left out on purpose) and adds PBX-only calls: lost calls (LOST_CALLS, whose
rings are simulated from who was logged in, paused or busy), answered calls nobody transcribed
(HAND_ANSWERED plus random fillers), the 207 off-hook incident and the 205 fault. Channel
uniqueids are allocated in creation order around the pinned uniqueids of the transcripts. The two
answer keys are computed from that call list (lines_review, extension_review), not by parsing.

Everything about a call lives in one dict of CALL_SPECS (written by hand, one call at a time):
metadata (when, caller number, operator, route, transfer, output format) plus the turns
(role O=operator, C=caller, X=other/third party; text; timing hints) and the criteria the call
was designed to FAIL. `build_calls()` resolves the specs into plain dicts with absolute turn times,
hold intervals, uniqueid, file name and the expected verdict of every criterion, so a later tool
(e.g. a generator of Asterisk queue_log / CDR / AMI logs) can import this module and reuse them:

    import importlib.util, sys
    spec = importlib.util.spec_from_file_location("gen", "tools/gen_sample_data.py")
    gen = importlib.util.module_from_spec(spec); spec.loader.exec_module(gen)
    for call in gen.build_calls(): ...

Resolved call dict (times in seconds from the start of the recording unless said otherwise):
  call_id / uniqueid  "<epoch>.<seq>"  epoch = second the call entered the PBX (= file-name time)
  start_local         ISO time, America/Lima (UTC-5, no DST), of the call entering the PBX
  epoch, seq
  route               "queue" | "direct" (dialed the operator's extension) | "outbound" (callback)
  queue               "600" for route=queue, else None
  caller_number       Peruvian number of the outside party (for outbound: the number dialed)
  operator_id, extension   the roster operator and the extension that took the call
  queue_wait_s        seconds between entering the PBX and the operator answering (ringing/queue);
                      the recording (and every turn time) starts at the answer
  answer_local        ISO time of the answer (= start_local + queue_wait_s)
  duration_s          length of the recording (answer -> hang-up or transfer), seconds
  holds               [[start, end], ...] silent waits of >= 20 s (caller on hold)
  hold_episodes       [[start, end, total_hold_s], ...] holds joined by short check-ins
  transfer            {"kind": "none"} | {"kind": "attended"|"blind", "target_ext", "target_area",
                       "at": seconds when the operator leaves the recording}
  format, encoding, newline, path (relative to sample-data/transcripts), file_name
  turns               [{"role", "speaker_label", "text", "start", "end", "hallucination"}]
  expected            {criterion: "pass"|"fail"|"na"} for every criterion id

Standard library only. No randomness except random.Random seeded with fixed strings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import random
import re
import shutil
import sys
import unicodedata
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE_DIR = os.path.join(ROOT, "sample-data")
TRANSCRIPTS_DIR = os.path.join(SAMPLE_DIR, "transcripts")
EXPECTED_CSV = os.path.join(ROOT, "tests", "fixtures", "sample_expected.csv")

LIMA = dt.timezone(dt.timedelta(hours=-5))
QUEUE = "600"
FIRST_SEQ = 1187

CRITERIA = [
    "greeting",
    "asked_name",
    "asked_dni",
    "asked_modular_code",
    "offered_help",
    "no_interruption",
    "summarized_query",
    "hold_explained",
    "hold_permission",
    "hold_thanks",
    "hold_checkins",
    "hold_callback",
    "transfer_explained",
    "transfer_answered",
    "closing_by_name",
    "checked_understanding",
    "plain_language",
    "positive_language",
]

HOLD_MIN_GAP = 20.0          # a silent gap this long after an announced wait is a hold
CHECKIN_MAX = 120.0          # hold_checkins: no single stretch longer than this
EPISODE_CHECKINS = 120.0     # hold_checkins applies when an episode totals more than this
EPISODE_CALLBACK = 180.0     # hold_callback applies when an episode totals more than this
EPISODE_JOIN = 45.0          # holds closer than this (a check-in between) form one episode
INTERRUPT_OVERLAP = 1.0

# --------------------------------------------------------------------------------------------
# Roster
# --------------------------------------------------------------------------------------------

OPERATORS = [
    # operator_id, full name, extensions, team, profile (for coaching; not written to the CSV)
    ("op01", "Rosa Quispe Mamani", "201", "Mañana",
     "excelente: sigue todo el protocolo; a veces responde sin resumir la consulta"),
    ("op02", "Carlos Huarcaya Rojas", "202", "Mañana",
     "omite el código modular y casi nunca se despide llamando al usuario por su nombre; "
     "a veces se presenta sin apellido"),
    ("op03", "Milagros Flores Ticona", "203;213", "Mañana",
     "interrumpe al usuario, se adelanta a la consulta y pocas veces la resume"),
    ("op04", "Luis Ccahuana Paredes", "204;214", "Tarde",
     "pone en espera sin pedir permiso ni explicar, esperas largas sin volver a la línea, "
     "no agradece la espera"),
    ("op05", "Katherine Salazar Poma", "205", "Tarde",
     "usa términos técnicos (base de datos, caché, credenciales, navegador...)"),
    ("op06", "Jorge Villanueva Apaza", "206", "Tarde",
     "cortante y con frases negativas; presupone el tema; no verifica si el usuario entendió"),
]
OP_BY_ID = {o[0]: o for o in OPERATORS}


# --------------------------------------------------------------------------------------------
# Turn DSL
# --------------------------------------------------------------------------------------------

class T:
    """One turn as written by hand. Times are laid out by `layout()`:
    gap  = seconds of silence after the end of everything said before (default: a short pause)
    ov   = the turn starts `ov` seconds BEFORE the previous turn ends (overlap)
    hold = the gap before this turn is a hold (the caller waits); asserted >= 20 s
    dur  = fixed duration instead of words / speaking rate
    hal  = a Whisper hallucination (not real speech), attributed to `role`'s speaker label
    """

    __slots__ = ("role", "text", "gap", "ov", "hold", "dur", "hal")

    def __init__(self, role, text, gap=None, ov=None, hold=False, dur=None, hal=False):
        self.role, self.text, self.gap, self.ov = role, text, gap, ov
        self.hold, self.dur, self.hal = hold, dur, hal


def O(text, **kw):
    return T("O", text, **kw)


def C(text, **kw):
    return T("C", text, **kw)


def X(text, **kw):
    return T("X", text, **kw)


def HAL(text, who="C", **kw):
    return T(who, text, hal=True, **kw)


CALL_SPECS: list[dict] = []


def call(**spec):
    CALL_SPECS.append(spec)


# ============================================================================================
# op01 Rosa Quispe Mamani (Mañana, 201) - the model operator
# ============================================================================================

call(key="R1", op="op01", when="2026-11-02 09:12:07", caller="958214637", fmt="vtt_name",
     op_name="Rosa Quispe Mamani", caller_label="Llamante", hours=True, close_v=True,
     cname=("Nelly", "Cutipa"), fails=(),
     topic="docente no ve su sección para registrar notas (falta asignarla a la sección)",
     turns=[
    O("Buenos días, bienvenido a la Central de Atención del SIAGIE, le saluda Rosa Quispe. ¿Con quién tengo el gusto?"),
    C("Buenos días, señorita. Le habla Nelly Cutipa Larico, soy docente de la institución educativa cuarenta mil doscientos siete, de Cayma, en Arequipa."),
    O("Mucho gusto, profesora Nelly. Para ubicar su registro, ¿me brinda por favor su número de DNI?"),
    C("Sí, claro. Es cuatro, cinco, dos, ocho, uno, tres, seis, siete."),
    O("Cuatro cinco dos ocho uno tres seis siete. Perfecto. ¿Y el código modular de su institución educativa?"),
    C("Ay, el código modular... un ratito que lo tengo anotado. Ya, aquí está: es cero tres cuatro cinco seis siete ocho."),
    O("Cero tres cuatro cinco seis siete ocho, institución educativa cuarenta mil doscientos siete. Muy bien, profesora. ¿En qué la puedo ayudar?"),
    C("Mire, señorita, lo que pasa es que tengo que registrar las notas del cuarto bimestre de mi sección, quinto grado B, y cuando entro al SIAGIE no me aparece mi sección. Me salen las otras, pero la mía no. Y el director me dice que ya tengo que entregar las notas esta semana."),
    O("Ya, le comprendo. Si no le he entendido mal, usted entra con su usuario al SIAGIE, pero en la lista no le aparece el quinto grado B para registrar las calificaciones del cuarto bimestre, ¿es así?"),
    C("Sí, exacto, eso es."),
    O("Ya. Eso normalmente pasa cuando la sección todavía no tiene asignada a la docente. Es decir, en el SIAGIE su colegio tiene que indicar qué profesora está a cargo de cada sección y de cada área. Si ese paso falta, la sección no le aparece a usted."),
    C("Ah, ya. ¿Y eso quién lo hace? ¿Yo misma?"),
    O("Lo hace el director o la persona que él haya autorizado, con su propio usuario. Tiene que entrar a la opción de asignar docentes a las secciones, buscar quinto grado B y poner su nombre en cada área que usted dicta."),
    C("Ya, o sea que el director tiene que asignarme. Porque este año cambiamos de secciones en julio, de repente por eso."),
    O("Exactamente, profesora, seguramente fue por ese cambio. Una vez que el director la asigne, usted cierra el SIAGIE, vuelve a entrar y ya le debe aparecer su sección para registrar las notas."),
    C("Ya, perfecto. ¿Y las notas que ya registré del tercer bimestre no se borran?"),
    O("No, profesora, no se pierde nada. Las notas que ya están registradas se mantienen. Solo cambia quién está a cargo de la sección."),
    C("Ah, ya, qué alivio. Porque ya me estaba preocupando."),
    O("Tranquila. Para que el director lo haga rápido, le puede decir que es la opción de docentes por sección, en la parte de la institución educativa. Si él tiene alguna dificultad, también puede llamarnos a este mismo número."),
    C("Ya, señorita, ahorita le voy a decir, está aquí en la dirección."),
    O("Muy bien. ¿Le quedó claro el procedimiento o tiene alguna otra consulta?"),
    C("No, todo clarito, gracias."),
    O("Profesora Cutipa, muchas gracias por comunicarse con la central del SIAGIE. Para cualquier otra consulta no dude en llamarnos. Que tenga un buen día."),
    C("Igualmente, señorita, gracias. Hasta luego."),
])

call(key="R2", op="op01", when="2026-11-04 10:41:33", caller="951336720", fmt="whisperx",
     op_label="SPEAKER_01", wx_words=True, cname=("Wilber", "Condori"), fails=(),
     topic="nómina adicional observada: un estudiante sigue matriculado en su colegio anterior",
     turns=[
    C("¿Aló? ¿Aló?"),
    O("Buenos días, bienvenido a la central de atención del CIAGIE, le saluda Rosa Quispe. ¿Con quién tengo el gusto?"),
    C("Buenos días, señorita. Habla el profesor Wilber Condori Pari, director de la institución educativa setenta cero veinticinco, de Puno."),
    O("Mucho gusto, profesor Wilber. ¿Me podría indicar su número de DNI, por favor?"),
    C("Sí, cuarenta y uno, treinta y dos, cincuenta y ocho, noventa."),
    O("Cuatro uno tres dos cinco ocho nueve cero. Gracias. ¿Y el código modular de su institución?"),
    C("El código modular es 0234561."),
    O("Perfecto, profesor. Cuénteme, ¿en qué lo puedo ayudar?"),
    C("Mire, señorita, nosotros hemos matriculado a tres alumnos que llegaron en octubre, de una familia que vino de Juliaca. Hicimos la nómina adicional, la enviamos, y ahora me aparece como observada. Y no sé qué es lo que está mal, porque los datos están completos."),
    O("Ya, entiendo. Entonces lo que usted necesita saber es por qué su nómina adicional de octubre aparece observada, ¿correcto?"),
    C("Sí, eso mismo, porque la UGEL me está pidiendo que la regularice esta semana."),
    O("Muy bien. Voy a revisar en el sistema el detalle de la observación de su nómina; le pido un par de minutos. ¿Me permite un momento en línea?"),
    C("Sí, señorita, no hay problema, espero."),
    HAL("Subtítulos realizados por la comunidad de Amara.org", who="C", gap=17),
    O("Profesor Wilber, gracias por la espera. Ya revisé su nómina. La observación es porque uno de los tres estudiantes, el niño de primer grado, figura todavía como matriculado en su colegio anterior de Juliaca. El sistema no permite tener a un estudiante en dos colegios a la vez.", gap=21, hold=True),
    C("Ah, ya. ¿Y qué tengo que hacer, señorita?"),
    O("Primero hay que hacer el traslado de ese estudiante. El colegio de Juliaca tiene que registrar la salida, o usted puede pedir el traslado desde su institución con la resolución de traslado. Cuando el traslado esté aprobado, el niño queda solo en su colegio y la observación se levanta."),
    C("Ya, ¿y la nómina la tengo que enviar de nuevo?"),
    O("Sí, profesor. Después del traslado, usted vuelve a generar la nómina adicional y la envía a la UGEL para su aprobación. Las otras dos estudiantes no tienen ninguna observación."),
    C("Ya, perfecto. Entonces primero el traslado y después vuelvo a enviar la nómina."),
    O("Así es, primero el traslado y luego la nómina. ¿Tiene alguna duda con los pasos o alguna otra consulta?"),
    C("No, señorita, está clarito. Voy a llamar a la directora de Juliaca."),
    O("Muy bien, profesor Condori. Gracias por comunicarse con nosotros; cualquier consulta, aquí estamos para ayudarlo. Que tenga un buen día."),
    C("Gracias, igualmente. Chau."),
])

call(key="R3", op="op01", when="2026-11-09 08:37:51", caller="014582913", fmt="vtt_wx",
     op_label="SPEAKER_00", hours=False, cname=("Gladys", "Ramos"), fails=(),
     topic="traslado de ingreso bloqueado: el colegio de origen no confirmó la salida (espera larga con aviso)",
     turns=[
    O("Buenos días, bienvenido al SIAGIE, le saluda Rosa Quispe, ¿con quién tengo el gusto?"),
    C("Buenos días, señorita, le habla Gladys Ramos, secretaria del colegio mil ciento ochenta y dos, El Bosque, de San Juan de Lurigancho."),
    O("Mucho gusto, señora Gladys. ¿Me indica su número de DNI, por favor?"),
    C("Sí, es diez, cuarenta y siete, ochenta y dos, treinta y tres."),
    O("Uno cero cuatro siete ocho dos tres tres. ¿Y el código modular de la institución?"),
    C("Cero, tres, nueve, uno, dos, cuatro, cero."),
    O("Gracias. ¿En qué la puedo ayudar?"),
    C("Mire, señorita, tenemos una alumna de segundo de secundaria que viene trasladada de un colegio de Ate. El colegio de Ate dice que ya le dio la salida, pero cuando yo quiero registrar el ingreso en el SIAGIE me sale que la alumna sigue matriculada allá. Y ya van dos semanas que la niña está viniendo a clases y no la puedo registrar."),
    O("Le comprendo, señora Gladys. O sea que el colegio de origen dice que ya registró la salida, pero a usted el sistema le sigue mostrando a la alumna en ese colegio y no le deja registrar el ingreso, ¿es así?"),
    C("Sí, así es."),
    O("Ya. ¿Me podría dar el DNI de la alumna, para ubicarla?"),
    C("Sí, es siete dos cuatro cinco uno ocho nueve tres."),
    O("Gracias. Voy a revisar en el sistema el estado del traslado de la alumna; eso me puede tomar unos dos o tres minutos. ¿Me permite ponerla en espera un momento?"),
    C("Sí, claro, espero."),
    HAL("Música", who="O", gap=35),
    O("Señora Gladys, gracias por esperar. Todavía estoy revisando: veo el registro del colegio de Ate, pero necesito confirmar la fecha de la salida. ¿Puede esperar en línea un minuto más?", gap=44, hold=True),
    C("Ya, señorita, no se preocupe."),
    O("Gracias por su paciencia, señora Gladys. Ya tengo la información. El colegio de Ate registró la salida, pero todavía no la ha confirmado. Mientras no la confirme, la alumna sigue apareciendo allá.", gap=75, hold=True),
    C("Ah, o sea que ellos no terminaron el trámite."),
    O("Exacto. Les falta un último paso, que es confirmar el traslado. Le sugiero llamar a la secretaría del colegio de Ate y pedirles que entren a la opción de traslados y confirmen la salida de la alumna. Apenas lo hagan, usted ya podrá registrar el ingreso."),
    C("Ya. ¿Y eso es inmediato o demora?"),
    O("Es inmediato. Una vez que ellos confirmen, usted vuelve a entrar y ya le aparece para registrar el ingreso. Si mañana todavía no le aparece, puede llamarnos y lo revisamos de nuevo."),
    C("Ya, perfecto, ahorita los llamo."),
    O("Muy bien. ¿Le quedó claro lo que debe pedirle al otro colegio, o tiene alguna duda?"),
    C("No, todo claro, señorita, muchas gracias."),
    O("A usted, señora Ramos. Gracias por comunicarse con el SIAGIE y que tenga un buen día."),
    C("Igualmente, chau."),
])

call(key="R4", op="op01", when="2026-11-11 11:05:12", caller="987123456", fmt="vtt_voice",
     op_label="SPEAKER_01", hours=True, cname=("Marleni", "Huamán"), fails=(),
     topic="acta de cuarto grado no se genera; espera de más de tres minutos con avisos y devolución de llamada",
     turns=[
    O("Buenos días, le damos la bienvenida a la Central de Atención del SIAGIE, le atiende Rosa Quispe. ¿Con quién tengo el gusto?"),
    C("Buenos días. Con Marleni Huamán, directora de la dos mil cuarenta y cinco de Comas."),
    O("Mucho gusto, directora Marleni. ¿Me brinda su número de DNI, por favor?"),
    C("Cero ocho, sesenta y cuatro, veintidós, quince."),
    O("Cero ocho seis cuatro dos dos uno cinco. Gracias. ¿Y el código modular de su institución educativa?"),
    C("Uno cero cuatro cinco tres nueve ocho."),
    O("Perfecto. ¿En qué la puedo ayudar, directora?"),
    C("Señorita, estoy tratando de generar las actas del cuarto grado para cerrar el año, y cuando le doy a generar acta se queda cargando, cargando, y al final me sale un mensaje de error. Ya lo intenté desde ayer, en la mañana y en la noche, y es lo mismo."),
    O("Le comprendo, directora. Entonces, lo que necesita es generar el acta de cuarto grado y el sistema se queda cargando y termina en un mensaje de error, desde ayer. ¿Recuerda qué dice el mensaje?"),
    C("Dice algo así como que no se pudo procesar la solicitud, que intente más tarde."),
    O("Ya. Voy a revisar en el sistema qué está pasando con el acta de cuarto grado; esto puede tomar unos tres o cuatro minutos. ¿Me permite ponerla en espera?"),
    C("Sí, claro, señorita."),
    O("Directora, gracias por esperar. Sigo revisando: el acta se está generando de nuevo desde aquí y todavía no termina. ¿Puede esperar en línea un par de minutos más?", gap=100, hold=True),
    C("Sí, espero nomás."),
    HAL("[música]", who="O", gap=40),
    O("Gracias por la espera, directora Marleni. El acta todavía se está procesando; como son muchos estudiantes, puede demorar un poco más. Para no tenerla esperando en la línea, ¿le parece si yo la llamo apenas termine? ¿Me confirma su número? Aquí me figura el nueve ocho siete, uno dos tres, cuatro cinco seis.", gap=58, hold=True),
    C("Sí, ese es mi celular. Mejor llámeme, porque tengo que ir a una reunión con los padres."),
    O("Perfecto. Entonces quedamos así: apenas el acta termine de procesarse, la llamo al nueve ocho siete uno dos tres cuatro cinco seis y le confirmo si ya puede descargarla. Calculo que será antes del mediodía."),
    C("Ya, perfecto, señorita. ¿Y yo tengo que hacer algo mientras tanto?"),
    O("No, directora, por ahora no tiene que hacer nada más. Solo le pido que no vuelva a darle a generar acta hasta que yo la llame, para que no se cruce con el proceso que estoy haciendo."),
    C("Ya, entendido, no lo toco."),
    O("Muy bien. ¿Le quedó claro o tiene alguna otra duda?"),
    C("No, está claro. Gracias, señorita Rosa."),
    O("Gracias a usted, directora Huamán, por su paciencia. En un momento la llamo. Que tenga un buen día."),
    C("Igualmente. Hasta luego."),
])

call(key="R5", op="op01", when="2026-11-11 11:48:20", caller="987123456", fmt="vtt_name",
     route="outbound", naming="out", op_name="Rosa Quispe", caller_label="Usuario", hours=False,
     close_v=True, cname=("Marleni", "Huamán"), fails=(), queue_wait=9,
     topic="devolución de llamada: el acta de cuarto grado ya se generó",
     turns=[
    C("¿Aló?"),
    O("Aló, buenos días, le saluda Rosa Quispe, de la Central de Atención del SIAGIE; bienvenida nuevamente. Le devuelvo la llamada como quedamos hace un rato. ¿Con quién tengo el gusto?"),
    C("Ah, sí, señorita Rosa, con Marleni Huamán, la directora de la dos mil cuarenta y cinco. Justo estaba esperando su llamada."),
    O("Directora Marleni, qué gusto. Para validar sus datos antes de darle la información, ¿me repite su número de DNI, por favor?"),
    C("Sí, cero ocho seis cuatro dos dos uno cinco."),
    O("Gracias. ¿Y me confirma el código modular del colegio?"),
    C("Uno cero cuatro cinco tres nueve ocho."),
    O("Perfecto, coincide todo, gracias."),
    C("Ya, señorita, dígame, ¿ya salió el acta? Porque los padres me están preguntando por las libretas y la reunión de entrega es el viernes. Y además la UGEL nos pidió las actas firmadas para la próxima semana."),
    O("Le comprendo, directora. O sea que necesita el acta lista para entregar las libretas el viernes y para enviarla firmada a la UGEL. Le tengo buenas noticias: el acta de cuarto grado ya se generó correctamente, con todos los estudiantes."),
    C("Ay, qué bueno, gracias a Dios. ¿Y cómo la descargo?"),
    O("Entra al SIAGIE con su usuario, va a la opción de actas, elige cuarto grado y le aparece el acta con el estado de generada. Ahí tiene el botón para descargarla e imprimirla."),
    C("Ya. ¿Y las libretas ya las puedo imprimir también?"),
    O("Sí, directora. Las libretas del cuarto bimestre ya salen con las notas completas, porque el acta ya quedó cerrada."),
    C("Ya, perfecto. ¿Y si me sale otra vez el error cuando la quiera descargar?"),
    O("No debería, porque el acta ya está lista. Pero si pasara, nos vuelve a llamar al mismo número de la central y le pide a cualquier compañero que revise el caso de las actas de la dos mil cuarenta y cinco; queda todo anotado."),
    C("Ya, señorita Rosa, muy amable. La verdad que me salvó."),
    O("Para eso estamos. ¿Le quedó claro cómo descargar el acta, o tiene alguna otra consulta?"),
    C("No, todo clarísimo, gracias."),
    O("Directora Huamán, muchas gracias por su paciencia. Para cualquier aclaración no dude en comunicarse con nosotros. Que le vaya muy bien en la reunión."),
    C("Gracias, igualmente. Chau, chau."),
])

call(key="R6", op="op01", when="2026-11-17 09:48:26", caller="984550219", fmt="native",
     op_name="Rosa Quispe", caller_label="caller", other_label="Víctor Paz", cname=("Edwin", "Salas"), fails=(),
     transfer=dict(kind="attended", ext="250", area="Soporte SIAGIE - segundo nivel"),
     topic="cambio de director: la UGEL registró al nuevo director pero sigue figurando el anterior",
     turns=[
    O("Buenos días, bienvenido al SIAGIE, le saluda Rosa Quispe. ¿Con quién tengo el gusto?"),
    C("Buenos días, señorita. Le habla Edwin Salas Huamaní, soy el nuevo director encargado de la institución educativa cincuenta mil ciento treinta y dos, de Cusco."),
    O("Mucho gusto, director Edwin. ¿Me indica su número de DNI, por favor?"),
    C("Sí, es veintitrés, ochenta y cuatro, diecinueve, cero seis."),
    O("Dos tres ocho cuatro uno nueve cero seis. ¿Y el código modular de su institución?"),
    C("Cero dos cuatro uno siete cinco cinco."),
    O("Gracias, director. ¿En qué lo puedo ayudar?"),
    C("Mire, señorita, a mí me designaron como director encargado desde el primero de noviembre, con resolución de la UGEL Cusco. La UGEL me dijo que ya me registró, pero cuando entro al SIAGIE todavía me aparece el nombre del director anterior y no me deja aprobar la nómina ni firmar nada. Y tengo que enviar las actas este mes."),
    O("Le comprendo, director. Si no le he entendido mal, la UGEL ya registró su designación, pero en el SIAGIE sigue figurando el director anterior y usted no puede hacer las tareas de director, como aprobar la nómina. ¿Es así?"),
    C("Sí, exactamente. Y el director anterior ya se fue a otra provincia, no lo puedo ubicar."),
    O("No se preocupe, no lo necesita. En este caso, el cambio de director lo termina de actualizar nuestra área de soporte de segundo nivel, porque ellos son los que revisan la resolución y activan los permisos del nuevo director. Le voy a transferir con un especialista de esa área para que lo atienda directamente. No cuelgue, por favor."),
    C("Ya, señorita, gracias."),
    X("Soporte SIAGIE, buenos días, le habla Víctor Paz.", gap=9),
    O("Víctor, buenos días, te habla Rosa, de la central. Te paso al director Edwin Salas Huamaní, de la institución educativa cincuenta mil ciento treinta y dos de Cusco. La UGEL ya registró su designación como director encargado desde el primero de noviembre, pero en el SIAGIE sigue figurando el director anterior y no puede aprobar la nómina. ¿Lo puedes atender?"),
    X("Sí, claro, Rosa, pásamelo, yo reviso la resolución."),
    O("Director Edwin, ya lo comunico con Víctor Paz, especialista de soporte; él va a revisar su caso. Muchas gracias por llamar."),
    C("Gracias, señorita Rosa, muy amable."),
    X("Buenos días, director Salas. A ver, cuénteme, ¿la resolución de su encargatura tiene fecha del primero de noviembre?"),
    C("Sí, joven, del primero de noviembre, resolución directoral de la UGEL Cusco."),
    X("Perfecto, ya la estoy viendo. Deme unos minutos y le activo los permisos de director; le voy a pedir que cierre el SIAGIE y vuelva a entrar cuando le avise."),
    C("Ya, perfecto, aquí espero."),
])

call(key="R7", op="op01", when="2026-11-20 10:02:19", caller="964782305", fmt="srt_speaker",
     op_label="SPEAKER_00", style=("noaccent", "nopunct", "lower"), cname=("Hugo", "Tarazona"), fails=(),
     topic="contraseña olvidada y usuario bloqueado; el usuario interrumpe a la operadora (no cuenta)",
     turns=[
    O("Buenos días, bienvenido a la central del ciagie, le saluda Rosa Kispe. ¿Con quién tengo el gusto?"),
    C("Buenos días, señorita, con Hugo Tarazona, profesor de la institución educativa Santa Isabel, de Huancayo."),
    O("Mucho gusto, profesor Hugo. ¿Me podría dar su número de DNI?"),
    C("Sí, claro, es dos cero cuatro uno siete tres ocho ocho."),
    O("Dos cero cuatro uno siete tres ocho ocho. ¿Y el código modular de su colegio, profesor?"),
    C("Uy, ese no me lo sé de memoria... ah, ya, aquí está en la libreta: cero cuatro uno nueve nueve ocho siete."),
    O("Cero cuatro uno nueve nueve ocho siete, gracias. ¿En qué lo puedo ayudar?"),
    C("Mire, señorita, hoy en la mañana quise entrar al SIAGIE para pasar las notas y me olvidé la contraseña. Probé varias veces y ahora me sale que mi usuario está bloqueado."),
    O("Ya, le comprendo. O sea que usted intentó varias veces con la contraseña y ahora el sistema le dice que su usuario está bloqueado, y necesita entrar para registrar las notas."),
    C("Sí, eso, y hoy es el último día que nos dio el director."),
    O("No se preocupe, profesor, tiene solución. Cuando se ingresa mal la contraseña varias veces, el usuario se bloquea por seguridad durante un tiempo. Lo que vamos a hacer es pedir una contraseña nueva, y para eso"),
    C("¿Pero cuánto tiempo? Porque yo necesito entrar hoy sí o sí.", ov=1.6),
    O("Hoy mismo, profesor. En la pantalla de ingreso del SIAGIE está la opción olvidé mi contraseña. Usted pone su número de DNI y el sistema le envía un mensaje a su correo con los pasos para crear una contraseña nueva."),
    C("Ah, ya. ¿Al correo que registré cuando me dieron el usuario?"),
    O("Exacto, al correo que tiene registrado. Si ese correo ya no lo usa, el director de su colegio puede cambiarlo desde su usuario, y después usted vuelve a pedir la contraseña nueva."),
    C("No, no, el correo sí lo uso. Ahorita reviso."),
    O("Perfecto. Cuando le llegue el mensaje, abre el enlace, escribe su contraseña nueva dos veces y listo, ya puede entrar y registrar sus notas. Le recomiendo anotarla en un lugar seguro."),
    C("Ya, ya me llegó, señorita, estoy viendo. Ya, perfecto, ya entré."),
    O("Qué bueno, profesor. ¿Le quedó claro el procedimiento o tiene alguna otra consulta?"),
    C("No, nada más, muy amable."),
    O("Gracias a usted, profesor Tarazona, por comunicarse con la central del SIAGIE. Que tenga un buen día y éxitos con sus notas."),
    C("Gracias, igualmente."),
])

call(key="R8", op="op01", when="2026-11-25 09:27:44", caller="945120887", fmt="aws_ca", naming="bare",
     cname=("Rocío", "Valverde"), fails=("summarized_query",),
     topic="certificado de estudios de un egresado de 2019 (responde sin resumir la consulta)",
     turns=[
    O("Buenos días, bienvenido a la Central de Atención del SIAGIE, le saluda Rosa Quispe. ¿Con quién tengo el gusto?"),
    C("Buenos días, señorita, le habla Rocío Valverde Linares, secretaria del colegio Nuestra Señora de Guadalupe, de Chiclayo."),
    O("Mucho gusto, señora Rocío. ¿Me indica su número de DNI?"),
    C("Sí, cuarenta y seis, cero nueve, ochenta y dos, quince."),
    O("Gracias. ¿Y el código modular de su institución educativa?"),
    C("Es el 0623418."),
    O("Perfecto. ¿En qué la puedo ayudar?"),
    C("Mire, señorita, vino un exalumno que terminó la secundaria en el dos mil diecinueve y necesita su certificado de estudios para postular a un instituto."),
    O("Ajá.", ov=0.5, dur=0.5),
    C("Yo no sé si eso lo saco del SIAGIE o si él lo tiene que pedir a la UGEL. Antes lo hacíamos todo a mano, con las actas, y demoraba como una semana."),
    O("Para los estudiantes que terminaron desde el año dos mil trece en adelante, el certificado de estudios se obtiene por internet. El exalumno entra a la página del Ministerio de Educación, a la opción de certificado oficial de estudios, pone sus datos y lo descarga gratis. No tiene que ir a la UGEL."),
    C("Ah, ¿y sale con firma? Porque en el instituto le piden que sea oficial."),
    O("Sí, sale con firma digital y un código de verificación, y es válido para cualquier trámite, incluido el instituto. El instituto puede comprobarlo con ese código."),
    C("Ya. ¿Y si el muchacho no tiene computadora?"),
    O("Lo puede hacer desde su celular, o si prefiere, usted misma lo puede ayudar desde la computadora del colegio. Solo necesitan el número de DNI y la fecha de emisión del DNI del exalumno."),
    C("Ah, ya, perfecto. Yo le ayudo acá mismo, está aquí esperando en la secretaría."),
    O("Muy bien. Y si al buscarlo le aparece algún dato equivocado, como un apellido mal escrito, nos vuelve a llamar y le indicamos cómo corregirlo."),
    C("Ya, señorita, gracias. Una última cosa, ¿eso tiene algún costo para él?"),
    O("No, es completamente gratuito, y lo puede descargar las veces que necesite."),
    C("Ay, qué bien, antes cobrábamos derecho de trámite."),
    O("¿Le quedó claro o tiene alguna otra consulta?"),
    C("No, eso era todo. Muy amable."),
    O("Señora Valverde, gracias por comunicarse con la central del SIAGIE. Que tenga un buen día."),
    C("Igualmente, hasta luego."),
])


# ============================================================================================
# op02 Carlos Huarcaya Rojas (Mañana, 202) - omits the código modular and the closing by name
# ============================================================================================

call(key="C1", op="op02", when="2026-11-03 08:21:09", caller="943267118", fmt="vtt_name",
     op_name="Carlos Huarcaya", caller_label="Usuario", hours=False, close_v=True,
     cname=("Sonia", "Llanos"), fails=("greeting", "asked_modular_code", "closing_by_name"),
     topic="no aparece la opción de imprimir libretas: el bimestre no está cerrado",
     turns=[
    O("Buen día, Mesa de Ayuda SIAGIE, le saluda Carlos. ¿Con quién tengo el gusto?"),
    C("Buenos días, joven, le habla Sonia Llanos, profesora de la institución educativa seis mil treinta y ocho, de Villa María del Triunfo."),
    O("Mucho gusto, profesora. ¿Me da su número de DNI, por favor?"),
    C("Sí, es cuatro cero siete tres uno cinco dos dos."),
    O("Ya, gracias. ¿En qué la puedo ayudar?"),
    C("Mire, joven, quiero imprimir las libretas de notas del tercer bimestre para mis alumnos de cuarto grado, pero no me aparece la opción de imprimir. Antes sí me salía, el bimestre pasado la imprimí sin problema."),
    O("Ya, entiendo. O sea que en el bimestre anterior sí pudo imprimir la libreta, pero ahora la opción no le aparece. ¿Ya registró todas las notas del tercer bimestre?"),
    C("Sí, ya las registré todas, la semana pasada."),
    O("Ya. La libreta se habilita cuando el director cierra el bimestre en el SIAGIE. Mientras el periodo siga abierto, la opción de imprimir no aparece, porque todavía se pueden cambiar las notas."),
    C("Ah, o sea que el director tiene que cerrar primero."),
    O("Así es. El director, o el subdirector si tiene el permiso, entra a la opción de periodos de evaluación y cierra el tercer bimestre. Después de eso, a usted ya le aparece para imprimir."),
    C("Ya, pero ¿y si hay otra profesora que todavía no ha terminado de poner sus notas?"),
    O("Por eso el director normalmente espera a que todos terminen. Le recomiendo coordinar con él para que sepa que usted ya terminó, y él verifica que las demás secciones también estén completas."),
    C("Ya, joven, voy a hablar con él. Es que los padres están pidiendo las libretas para el viernes, y algunos ya me mandaron mensajes."),
    O("Claro. Si el director cierra el bimestre hoy o mañana, usted alcanza a imprimirlas sin problema para el viernes."),
    C("Ya, perfecto."),
    O("¿Le quedó clara la información o tiene alguna otra consulta?"),
    C("No, eso nomás. Gracias, joven."),
    O("De nada. Gracias por llamar a la mesa de ayuda del SIAGIE, que tenga buen día."),
    C("Igualmente, hasta luego."),
])

call(key="C2", op="op02", when="2026-11-05 09:55:30", caller="017264530", fmt="whisperx",
     op_label="SPEAKER_00", cname=("Rocío", "Cárdenas"), fails=("asked_modular_code", "closing_by_name"),
     topic="matrícula de una estudiante extranjera sin DNI (usa el nombre de la usuaria al inicio, no al cerrar)",
     turns=[
    O("Buenos días, bienvenido al SIAGIE, le saluda Carlos Huarcaya, ¿con quién tengo el gusto?"),
    C("Buenos días, con Rocío Cárdenas, de la secretaría del colegio Los Pinos, de Surco."),
    O("Mucho gusto, señora Rocío. ¿Me podría brindar su número de DNI?"),
    C("Sí, claro: cero nueve dos seis uno cero cuatro tres."),
    O("Gracias, señora Rocío. Cuénteme, ¿en qué la puedo ayudar?"),
    C("Mire, tenemos una niña venezolana que quiere matricularse en tercer grado de primaria. La mamá tiene su pasaporte, pero la niña no tiene DNI peruano, claro, y no sé cómo registrarla en el SIAGIE, porque el sistema me pide DNI."),
    O("Ya, señora Rocío, le comprendo. Usted quiere matricular a una estudiante extranjera que no tiene DNI, y el sistema le pide un número de documento. ¿La niña tiene carné de extranjería o pasaporte?"),
    C("La niña tiene pasaporte, pero ya está vencido."),
    O("No hay problema. El pasaporte vencido igual sirve para identificarla. En la matrícula, en tipo de documento, usted elige pasaporte en lugar de DNI y escribe el número. Si la niña no tuviera ningún documento, igual se matricula: el SIAGIE le genera un código de estudiante."),
    C("Ah, ya. ¿O sea que no le pueden negar la matrícula por no tener documentos?"),
    O("Correcto, ningún estudiante se queda sin matrícula por no tener documentos. Lo que sí, le recomendamos pedir a la familia que tramite el carné de extranjería, para que después se actualice el documento de la niña."),
    C("Ya, perfecto. ¿Y eso se cambia después en el sistema?"),
    O("Sí. Cuando la familia le traiga el carné, ustedes entran a los datos de la estudiante y cambian el tipo y el número de documento. Las notas y la matrícula se mantienen."),
    C("Ya, clarísimo. Con eso ya la puedo matricular hoy mismo, porque la mamá está aquí esperando con la niña."),
    O("Así es. ¿Tiene alguna otra consulta?"),
    C("No, joven, eso era todo, muchas gracias."),
    O("A usted. Gracias por comunicarse con la mesa de ayuda del SIAGIE, que tenga buen día."),
    C("Igualmente, chau."),
])

call(key="C3", op="op02", when="2026-11-10 10:14:05", caller="925418306", fmt="vtt_voice",
     op_label="SPEAKER_01", hours=True, cname=("Julio", "Ramos"), fails=("asked_modular_code", "hold_thanks"),
     topic="nota registrada al estudiante equivocado; tras la espera dice 'gracias, ya encontré su registro'",
     turns=[
    C("¿Aló? Buenos días."),
    O("Buenos días, bienvenido a la central de atención del sia gie, le saluda Carlos Huarcaya. ¿Con quién tengo el gusto?"),
    C("Con Julio Ramos Chuquimia, profesor de matemática del colegio Gran Unidad Escolar San Carlos, de Puno."),
    O("Mucho gusto, profesor Julio. ¿Me brinda su número de DNI?"),
    C("Sí: cero uno, veintinueve, treinta y cuatro, cincuenta y seis."),
    O("Cero uno dos nueve tres cuatro cinco seis. ¿En qué lo puedo ayudar, profesor?"),
    C("Mire, joven, ayer estaba registrando las notas del tercer bimestre de segundo C y me equivoqué: le puse las notas de un alumno a otro que tiene el apellido parecido. Los dos son Mamani. Y ya guardé todo. ¿Cómo lo puedo corregir?"),
    O("Ya, le entiendo, profesor. Entonces usted registró las calificaciones de un estudiante en la fila de otro, por el apellido parecido, y ya las guardó. ¿El bimestre todavía está abierto o el director ya lo cerró?"),
    C("Creo que todavía está abierto, pero no estoy seguro."),
    O("Voy a verificar en el sistema si el tercer bimestre de su colegio sigue abierto; me tomará un minuto aproximadamente. ¿Me permite un momento en línea?"),
    C("Sí, claro, joven."),
    O("Gracias, ya encontré su registro. El tercer bimestre todavía está abierto, así que usted mismo puede corregirlo.", gap=30, hold=True),
    C("Ah, qué bueno. ¿Y cómo hago?"),
    O("Entra a registro de notas, elige segundo C y su área de matemática. Busca a los dos estudiantes, cambia las calificaciones y le da a guardar. Como el periodo está abierto, se reemplazan sin problema."),
    C("¿Y no queda como que las cambié? Porque no quiero que piensen que estoy cambiando notas."),
    O("Es una corrección normal mientras el periodo está abierto. Lo único, le recomiendo que revise bien antes de que el director cierre el bimestre, porque después ya se necesita una solicitud de rectificación."),
    C("Ya, entendido. Hoy mismo lo corrijo, ahorita en la hora libre."),
    O("Perfecto, profesor. ¿Tiene alguna duda o alguna otra consulta?"),
    C("No, ninguna. Muchas gracias, joven."),
    O("Gracias a usted, profesor Ramos. Que tenga un buen día."),
    C("Igualmente."),
])

call(key="C4", op="op02", when="2026-11-13 11:32:48", caller="912604375", fmt="vtt_zoom",
     op_name="Carlos Huarcaya Rojas", caller_label="Llamante", cname=("Enma", "Torres"),
     fails=("closing_by_name",), unprompted=("asked_name", "asked_modular_code"),
     topic="nómina de matrícula pendiente de aprobación en la UGEL (la directora da nombre y código sin que se lo pidan)",
     turns=[
    O("Buenos días, bienvenido a la Central de Atención del SIAGIE, le saluda Carlos Huarcaya."),
    C("Buenos días, joven. Le habla Enma Torres Quiroz, directora de la institución educativa veinte mil ciento ochenta y ocho, de Cañete. El código modular es cero cinco tres ocho dos nueve uno."),
    O("Mucho gusto, directora. ¿Me podría dar su número de DNI, por favor?"),
    C("Sí, quince, treinta y cuatro, setenta, ochenta y uno."),
    O("Uno cinco tres cuatro siete cero ocho uno, gracias. ¿En qué la puedo ayudar?"),
    C("Mire, joven, yo envié la nómina de matrícula hace tres semanas a la UGEL y hasta ahora me sale pendiente. Y en la UGEL me dicen que no les aparece. Ya no sé a quién creerle."),
    O("Ya, le comprendo, directora. O sea que usted envió la nómina hace tres semanas, en su pantalla figura como pendiente y la UGEL le dice que no la ve. ¿Recuerda si al enviarla le salió un mensaje de confirmación?"),
    C("Sí, me salió que se envió correctamente. Hasta le tomé foto con el celular."),
    O("Muy bien, esa foto le sirve. Lo que suele pasar es que la nómina llega a la persona que la UGEL tiene asignada para su colegio. Si este año cambiaron de especialista, la nómina puede estar esperando en la lista de otra persona."),
    C("Ah, puede ser, porque este año cambiaron al especialista."),
    O("Eso explica que no la encuentren. Le sugiero pedirle a la UGEL de Cañete que el especialista nuevo revise las nóminas pendientes buscando su colegio; ahí debe aparecer. Cuando la apruebe, a usted le cambia el estado a aprobada."),
    C("Ya. ¿Y si no aparece?"),
    O("Si no aparece, nos vuelve a llamar con la foto del mensaje de envío, y nosotros hacemos la consulta con el área de soporte para ubicarla."),
    C("Ya, perfecto. Voy a ir a la UGEL mañana temprano, de todas maneras tengo que llevar unos documentos."),
    O("Muy bien. ¿Le quedó clara la información o tiene alguna duda?"),
    C("No, ya está claro, gracias."),
    O("A usted, gracias por llamar a la central del SIAGIE. Que tenga un buen día."),
    C("Gracias, igualmente."),
])

call(key="C5", op="op02", when="2026-11-16 09:03:37", caller="998312457", fmt="srt_name",
     op_name="Carlos Huarcaya", caller_label="Usuario", cname=("Flor", "Espinoza"),
     fails=("asked_modular_code", "transfer_answered"),
     transfer=dict(kind="blind", ext="230", area="Certificados"),
     topic="certificado de estudios de 2009 (anterior al SIAGIE): transferencia ciega a Certificados",
     turns=[
    O("Buenos días, bienvenida a la Mesa de Ayuda del SIAGIE, le saluda Carlos Huarcaya, ¿con quién tengo el gusto?"),
    C("Buenos días, le habla Flor de María Espinoza, secretaria del colegio Ricardo Palma, de Surquillo."),
    O("Mucho gusto, señora Flor. ¿Me brinda su número de DNI, por favor?"),
    C("Sí, es cero siete, cuarenta y ocho, noventa y dos, trece."),
    O("Gracias. ¿En qué la puedo ayudar?"),
    C("Mire, joven, ha venido una señora que terminó la secundaria en el dos mil nueve aquí en el colegio, y necesita su certificado de estudios. Yo entro al SIAGIE y no me aparece nada de ese año. ¿Cómo hago para sacarle el certificado?"),
    O("Ya, le entiendo. Entonces lo que necesita es el certificado de una exalumna que terminó en el dos mil nueve, y en el SIAGIE no encuentra sus notas de ese año."),
    C("Sí, exacto. Y la señora está aquí esperando, porque se va a trabajar a Chile y le piden el certificado con urgencia. Dice que el viaje es en dos semanas."),
    O("Claro, señora Flor. Los certificados de los años anteriores al dos mil trece no se emiten desde el SIAGIE, porque esas notas están en las actas físicas del colegio. Ese trámite lo ve el área de certificados, que revisa las actas y le indica los requisitos y el plazo."),
    C("Ah, ya. ¿Y qué documentos le van a pedir a la señora? Para que los vaya juntando."),
    O("Normalmente su DNI, el nombre del colegio y el año en que terminó. El área de certificados le confirma si hace falta algo más."),
    C("Ya. ¿Y con ellos cómo me comunico? ¿Tienen otro número?"),
    O("Le voy a transferir con el área de certificados para que le indiquen los requisitos y el plazo, así no tiene que volver a llamar. Un momento, por favor, no cuelgue."),
    C("Ya, joven, gracias."),
])

call(key="C6", op="op02", when="2026-11-18 10:47:02", caller="950871243", fmt="plain", enc="utf-8-sig",
     op_tag="Agente", caller_tag="Docente", cname=("Raúl", "Mendoza"), fails=("asked_modular_code",),
     topic="registrar a una docente reemplazante para poder asignarle secciones",
     turns=[
    O("Buenos días, bienvenido al SIAGIE, le saluda Carlos Huarcaya. ¿Con quién tengo el gusto?"),
    C("Buenos días, joven. Soy Raúl Mendoza Pinedo, subdirector de la institución educativa Túpac Amaru, de Tarapoto."),
    O("Mucho gusto, profesor Raúl. ¿Me indica su número de DNI, por favor?"),
    C("Cuarenta y dos, diecisiete, cero ocho, noventa y cinco."),
    O("Gracias. ¿En qué lo puedo ayudar?"),
    C("Mire, nos llegó una profesora contratada para reemplazar a otra que salió de licencia, y quiero asignarle las secciones de tercero, pero cuando busco su nombre para asignarla no me aparece en la lista."),
    O("Ya, comprendo. Si no le he entendido mal, usted quiere asignar a la nueva profesora a las secciones de tercero, pero ella no aparece en la lista de docentes para asignar."),
    C("Sí, eso mismo."),
    O("Eso pasa porque primero hay que registrarla como personal de su institución. La lista para asignar solo muestra a los docentes que ya están registrados en el colegio."),
    C("Ah, ya. ¿Y dónde la registro?"),
    O("En la opción de personal de la institución educativa. Ahí le da a agregar, escribe el DNI de la profesora y el sistema trae sus nombres automáticamente. Luego elige el cargo de docente y la condición de contratada, con la fecha de inicio."),
    C("¿Y la profesora que salió de licencia? ¿La tengo que borrar?"),
    O("No la borre. A ella le registra la licencia con las fechas, y así queda constancia de que la nueva profesora la reemplaza. Después de registrar a la nueva, ya le aparece en la lista para asignarle las secciones."),
    C("Ya, perfecto, ahorita lo hago. ¿Y las notas que ya puso la profesora anterior?"),
    O("Se quedan registradas. La nueva profesora continúa desde el bimestre en que se incorpora."),
    C("Ya, muy bien."),
    O("Muy bien. ¿Le quedó claro o tiene alguna otra consulta?"),
    C("No, todo claro."),
    O("Profesor Mendoza, gracias por llamar a la mesa de ayuda del SIAGIE. Que tenga un buen día."),
    C("Gracias, igualmente."),
])

call(key="C7", op="op02", when="2026-11-21 09:16:55", caller="951774062", fmt="aws_old",
     op_label="spk_0", cname=("Alfredo", "Vilca"), fails=("asked_modular_code", "hold_checkins"),
     topic="acta bloqueada por estudiantes sin situación final (retiros no registrados); espera de 140 s sin volver",
     turns=[
    O("Buenos días, bienvenido a la central de atención del SIAGIE, le saluda Carlos Huarcaya. ¿Con quién tengo el gusto?"),
    C("Buenos días. Con el director Alfredo Vilca Mamani, de la institución educativa Manuel Núñez Butrón, de Juliaca."),
    O("Mucho gusto, director. ¿Me podría dar su número de DNI?"),
    C("Sí, cero dos, cuarenta y tres, diecinueve, setenta y ocho."),
    O("Gracias, director. ¿En qué lo puedo ayudar?"),
    C("Mire, estamos adelantando el cierre del año porque acá en Juliaca las clases terminan antes por las lluvias. Quiero generar el acta de tercero de secundaria y me sale un mensaje que dice que hay estudiantes sin situación final. Pero yo he revisado y todos tienen sus notas."),
    O("Ya, director, lo entiendo. O sea que al generar el acta de tercero le aparece que hay estudiantes sin situación final, aunque usted ve que todos tienen sus notas. Voy a revisar en el sistema qué estudiantes son los que están marcados; esto me puede tomar unos dos minutos. ¿Me permite ponerlo en espera?"),
    C("Sí, joven, adelante."),
    O("Director, gracias por la espera. Ya revisé: son dos estudiantes de tercero B que dejaron de asistir en agosto. Tienen notas del primer y segundo bimestre, pero en el sistema no se les registró el retiro, por eso no tienen situación final.", gap=140, hold=True),
    C("Ah, sí, los hermanos que se fueron a trabajar a Arequipa. ¿Y qué hago con ellos?"),
    O("Hay que registrarles el retiro con la fecha en que dejaron de asistir. Eso se hace en la opción de retiro de estudiantes, eligiendo el motivo. Con eso quedan con situación de retirados y el acta ya se puede generar."),
    C("Ya. ¿Y si después aparecen matriculados en Arequipa?"),
    O("En ese caso, el colegio de Arequipa hace el traslado y el sistema lo actualiza. Registrar el retiro no les impide matricularse en otro colegio."),
    C("Ya, perfecto. Gracias por revisar, joven."),
    O("De nada, director. ¿Le quedó claro el procedimiento o tiene alguna duda?"),
    C("No, todo claro. Ahorita le digo a la secretaria que los registre."),
    O("Muy bien, director Vilca. Gracias por comunicarse con la central del SIAGIE, que tenga un buen fin de semana."),
    C("Igualmente, joven, hasta luego."),
])

call(key="C8", op="op02", when="2026-11-26 12:34:10", caller="939205718", fmt="vtt_wx",
     op_label="SPEAKER_01", hours=False, cname=("Karina", "Solís"),
     fails=("asked_modular_code", "closing_by_name", "checked_understanding"),
     topic="traslado de salida a Arequipa: qué hace el colegio de origen (solapamiento corto 'ajá')",
     turns=[
    O("Buenas tardes, bienvenido al SIAGIE, le saluda Carlos Huarcaya, ¿con quién tengo el gusto?"),
    C("Buenas tardes, joven, con Karina Solís, auxiliar de educación de la institución educativa Juana Alarco de Dammert, de Miraflores."),
    O("Mucho gusto, señorita Karina. ¿Me podría dar su DNI, por favor?"),
    C("Sí, es siete, cero, uno, cinco, tres, ocho, dos, cuatro."),
    O("Gracias. ¿En qué la puedo ayudar?"),
    C("Le cuento, una mamá vino a decirnos que se muda a Arequipa y quiere trasladar a su hijo, que está en quinto grado. Me pidió que le demos la constancia de traslado, y la directora me encargó averiguar qué tenemos que hacer en el SIAGIE."),
    O("Ajá.", ov=0.4, dur=0.45),
    C("Porque la mamá se va el lunes."),
    O("Ya, entonces lo que necesitan saber es qué pasos siguen ustedes, como colegio de origen, para el traslado del niño a Arequipa."),
    C("Sí, eso."),
    O("El trámite lo inicia el colegio de Arequipa que lo va a recibir. La mamá tiene que ir allá con la libreta de notas y la resolución de traslado que emite su colegio. El colegio nuevo registra el ingreso en el SIAGIE, y a ustedes les llega una solicitud para que la confirmen."),
    C("Ah, ¿entonces nosotros no hacemos nada en el sistema todavía?"),
    O("Por ahora, ustedes solo emiten la resolución de traslado y le entregan a la mamá la libreta y la ficha de matrícula. Cuando el colegio de Arequipa registre el ingreso, a su directora le aparece la solicitud y la confirma. Con eso el niño queda en el nuevo colegio."),
    C("Ya. ¿Y las notas del cuarto bimestre quién las pone?"),
    O("Si el traslado se hace antes del cierre, las notas del último bimestre las registra el colegio de Arequipa. Las notas que ustedes ya registraron se quedan en el historial del niño."),
    C("Ya, perfecto, ya le explico a la directora."),
    O("Listo. Gracias por llamar, que tenga buena tarde."),
    C("Gracias, igualmente."),
])


# ============================================================================================
# op03 Milagros Flores Ticona (Mañana, 203;213) - interrupts, presumes, rarely summarizes
# ============================================================================================

call(key="M1", op="op03", when="2026-11-02 11:20:15", caller="974108532", fmt="vtt_voice",
     op_label="SPEAKER_00", hours=True, style=("noaccent", "lower"), cname=("Elizabeth", "Ñaupari"),
     fails=("no_interruption", "summarized_query"),
     topic="niño figura matriculado en otro colegio sin haber asistido; la operadora interrumpe dos veces",
     turns=[
    O("Buenos días, bienvenido al SIAGIE, le saluda Milagros Flores. ¿Con quién tengo el gusto?"),
    C("Buenos días, señorita, le habla Elizabeth Ñaupari, profesora y encargada de matrícula de la institución educativa tres mil setenta y uno, de Comas."),
    O("Mucho gusto. ¿Su DNI, por favor?"),
    C("Es cuatro, uno, cinco, cinco, siete, ocho, dos, nueve."),
    O("Ya. ¿Y el código modular?"),
    C("Cero, siete, uno, ocho, cuatro, tres, dos."),
    O("Ya, dígame, ¿en qué la ayudo?"),
    C("Mire, señorita, estoy matriculando a un niño de primer grado que viene de inicial de otro colegio, y cuando pongo su DNI me sale que ya está matriculado en otra institución, pero la mamá me dice que ella nunca lo matriculó allá, que solo fue a preguntar por una vacante y que nunca lo llevó."),
    O("Ya, eso es porque el otro colegio lo matriculó. Tiene que pedirle al otro colegio que lo retire o hacer el traslado.", ov=2.0),
    C("Pero la mamá dice que nunca lo matriculó, que no firmó nada."),
    O("Igual, si figura allá, el otro colegio tiene que darle la baja. Lo que hace falta es el nombre del colegio, que le sale en la pantalla cuando pone el DNI del niño."),
    C("Sí, me sale que es un colegio particular de Carabayllo, pero la mamá dice que solo fue a pedir informes y que la señora de allá le pidió el DNI para ver si había vacante, y de repente ahí lo registraron sin avisarle."),
    O("Sí, pasa bastante. En ese caso la mamá tiene que ir a ese colegio y pedir que anulen la matrícula, porque no estudió ahí ni un día.", ov=1.8),
    C("¿Y si no le hacen caso?"),
    O("Si no le hacen caso, puede presentar una solicitud a la UGEL de ese colegio con una declaración de que el niño nunca asistió. La UGEL les pide que corrijan la matrícula. Mientras tanto, el niño puede seguir asistiendo a su colegio sin problema."),
    C("Ya, ya. Bueno, le voy a decir a la mamá que vaya primero al colegio, mañana mismo."),
    O("Sí, es lo más rápido. Cuando lo anulen, usted vuelve a poner el DNI y ya lo puede matricular."),
    C("Ya, gracias, señorita."),
    O("¿Alguna otra consulta, profesora?"),
    C("No, eso nomás."),
    O("Ya, profesora Ñaupari, gracias por llamar a la central del SIAGIE, que tenga buen día."),
    C("Igualmente, chau."),
])

call(key="M2", op="op03", ext="213", route="direct", naming="exten", when="2026-11-06 08:48:03",
     caller="017156284", fmt="vtt_name", op_name="Milagros Flores", caller_label="Usuario", hours=False,
     close_v=False, cname=("Ronald", "Chávez"), fails=("no_interruption",),
     topic="nuevo director sin acceso al SIAGIE (llamada directa al anexo 213)",
     turns=[
    O("Buenos días, bienvenido a la central del SIAGIE, le saluda Milagros Flores. ¿Con quién tengo el gusto?"),
    C("Buenos días, señorita. Le saluda Ronald Chávez Espinoza. Me acaban de nombrar director de la institución educativa ochenta y un mil catorce, de Trujillo, y necesito entrar al SIAGIE."),
    O("Mucho gusto, director. ¿Me brinda su DNI, por favor?"),
    C("Sí, es diecisiete, ochenta y nueve, cuarenta y dos, cero uno."),
    O("Gracias. ¿Y el código modular de su colegio?"),
    C("Cero cuatro siete uno dos seis nueve."),
    O("Gracias, director. ¿En qué lo puedo ayudar?"),
    C("Como le decía, me designaron desde el lunes. El director anterior se jubiló y se llevó su usuario, por decirlo así. Yo he intentado entrar con mi DNI y no me reconoce. Y la secretaria me dice que sin director no se puede aprobar nada en el sistema, y ya tenemos que ver lo de las actas de fin de año."),
    O("Ya, director, le comprendo: usted es el director recién designado y todavía no tiene acceso al SIAGIE, y lo necesita para las actas. ¿Ya tiene la resolución de su designación?", ov=1.6),
    C("Sí, la resolución salió el viernes."),
    O("Perfecto. El alta del nuevo director la hace la UGEL. Usted tiene que entregar una copia de la resolución al especialista SIAGIE de la UGEL Trujillo, y él lo registra como director de su colegio. Cuando lo registre, a usted le llega un correo con su usuario y una contraseña temporal."),
    C("¿Y el usuario del director anterior?"),
    O("Ese usuario se desactiva cuando la UGEL registre el cambio, así que no tiene que hacer nada con él. Lo importante es que el correo que usted dé en la UGEL sea uno que revise siempre."),
    C("Ya. ¿Y cuánto demora?"),
    O("Normalmente uno o dos días hábiles después de que la UGEL registra la resolución. Si pasado ese tiempo no le llega el correo, nos vuelve a llamar y lo revisamos."),
    C("Ya, perfecto. Hoy mismo voy a la UGEL, que está cerca del colegio."),
    O("Muy bien, director. ¿Le quedó claro o tiene alguna otra consulta?"),
    C("No, todo claro, señorita, gracias."),
    O("Director Chávez, gracias por comunicarse con la central del SIAGIE, que tenga un buen día."),
    C("Igualmente."),
])

call(key="M3", op="op03", when="2026-11-12 10:29:47", caller="963550418", fmt="whisperx",
     op_label="SPEAKER_00", wx_strings=True, cname=("Beatriz", "Palomino"),
     fails=("offered_help", "no_interruption", "summarized_query"),
     topic="estudiante duplicada en la nómina; la operadora presume que llaman por la aprobación de nóminas",
     turns=[
    O("Buenos días, bienvenido al SIAJE, le saluda Milagros Flores. ¿Con quién tengo el gusto?"),
    C("Buenos días, con Beatriz Palomino Cruz, secretaria de la institución educativa Nuestra Señora de las Mercedes, de Ica."),
    O("Ya, señora Beatriz. ¿Su DNI?"),
    C("Veintiuno, cuarenta y cinco, treinta y tres, ochenta y ocho."),
    O("¿Y el código modular?"),
    C("Cero tres siete siete cuatro uno nueve."),
    O("Ya. Usted llama por lo de la aprobación de la nómina de matrícula, ¿no? Es que esta semana todos los colegios de Ica están llamando por eso."),
    C("Sí, es sobre la nómina, pero no es por la aprobación, señorita. Lo que pasa es que en la nómina de segundo grado me aparece una alumna dos veces, con el mismo nombre, y cuando quiero eliminar una de las dos filas el sistema no me deja."),
    O("Ah, eso es porque la registraron dos veces, con DNI y sin DNI. Tiene que anular la matrícula que está sin DNI.", ov=2.2),
    C("Pero las dos tienen DNI, señorita, el mismo DNI. Por eso no sé qué hacer."),
    O("Ah, ya. Eso ya es un caso distinto. Cuando sale el mismo DNI dos veces en la misma nómina, es un error que tiene que corregir nuestro equipo de soporte, porque usted no tiene la opción para eliminar un registro repetido."),
    C("¿Y cómo hago para que lo corrijan?"),
    O("Yo le registro el caso ahora mismo con el DNI de la alumna. ¿Me lo dicta?"),
    C("Sí, es siete ocho cero dos cinco uno uno seis."),
    O("Siete ocho cero dos cinco uno uno seis. Listo, ya quedó registrado. En dos o tres días hábiles el equipo de soporte elimina la fila repetida y a usted le llega un correo cuando esté resuelto."),
    C("Ya. ¿Y mientras tanto puedo enviar la nómina?"),
    O("Mejor espere a que lo corrijan, porque si la envía con la alumna repetida, la UGEL se la va a observar."),
    C("Ya, está bien. Gracias, señorita."),
    O("¿Tiene alguna otra consulta?"),
    C("No, nada más."),
    O("Gracias por llamar, señora Palomino, que tenga un buen día."),
    C("Igualmente."),
])

call(key="M4", op="op03", when="2026-11-14 09:40:26", caller="986003214", fmt="srt_speaker",
     op_label="SPEAKER_01", cname=("Américo", "Ticse"), fails=("summarized_query",),
     topic="estudiantes exonerados de Educación Religiosa (solo 'ajá' y 'ya' superpuestos, menos de 1 s)",
     turns=[
    O("Buenos días, bienvenido a la central de atención del SIAGIE, le saluda Milagros Flores, ¿con quién tengo el gusto?"),
    C("Buenos días, le habla Américo Ticse, profesor de Educación Religiosa del colegio Santa Rosa de Lima, de Jauja."),
    O("Mucho gusto, profesor. ¿Me indica su DNI, por favor?"),
    C("Sí, veinte, cero nueve, cincuenta y seis, treinta y uno."),
    O("Gracias. ¿Y el código modular del colegio?"),
    C("Cero cuatro dos seis uno tres cinco."),
    O("Perfecto. ¿En qué lo puedo ayudar?"),
    C("Mire, señorita, tengo dos alumnos en primero A que son de otra religión, y los papás presentaron la solicitud para que no lleven el curso. Pero cuando registro las notas, el sistema no me deja guardar si no les pongo nota a ellos."),
    O("Ajá.", ov=0.5, dur=0.5),
    C("Y yo no les puedo poner nota si no llevan el curso, pues. No sería justo."),
    O("Claro. Para esos casos está la exoneración. Primero, el director registra la exoneración de cada estudiante en el SIAGIE, con la solicitud de los padres. Cuando está registrada, el sistema ya no le pide nota de Religión para esos dos alumnos."),
    C("Ah, ya. ¿Y eso lo hace el director o la secretaria?"),
    O("Lo puede hacer el director o quien tenga el permiso de registrar datos de los estudiantes. Va a la ficha del estudiante y en la parte de exoneraciones marca el área de Educación Religiosa y pone la fecha de la solicitud."),
    C("Ya. Y los papás me preguntan si en la libreta les va a salir algo, porque no quieren que les salga una nota baja ni nada raro."),
    O("Ya.", ov=0.3, dur=0.4),
    O("No, en la libreta les aparece la palabra exonerado en esa área, sin nota. No afecta su promedio ni su situación final."),
    C("Ah, perfecto, eso les va a tranquilizar. Voy a hablar con el director el lunes para que lo registre."),
    O("Muy bien, profesor. ¿Le quedó claro o tiene alguna otra duda?"),
    C("No, todo clarito."),
    O("Profesor Ticse, gracias por comunicarse con el SIAGIE, que tenga buen fin de semana."),
    C("Gracias, igualmente."),
])

call(key="M5", op="op03", when="2026-11-19 11:11:38", caller="955602139", fmt="vtt_wx",
     op_label="SPEAKER_00", hours=False, cname=("Carmen", "Inga"),
     fails=("no_interruption", "summarized_query", "transfer_explained"),
     transfer=dict(kind="attended", ext="240", area="Rectificaciones"),
     topic="rectificación de nota de un acta de 2025: transferencia atendida sin explicarle a la directora",
     turns=[
    O("Buenos días, bienvenido a la central del SIAGIE, le saluda Milagros Flores. ¿Con quién tengo el gusto?"),
    C("Buenos días, señorita, con Carmen Rosa Inga, directora de la institución educativa mil doscientos cuarenta y siete, de Ate."),
    O("Mucho gusto, directora. ¿Su DNI, por favor?"),
    C("Cero nueve, setenta y uno, cuarenta y cuatro, veinte."),
    O("¿Y el código modular de la institución?"),
    C("Cero cinco ocho cero nueve uno tres."),
    O("Gracias. ¿En qué la puedo ayudar?"),
    C("Mire, señorita, un exalumno que terminó el año pasado necesita corregir una nota del acta de quinto de secundaria, porque el profesor se equivocó al pasar la nota de Comunicación y ahora le sale desaprobado en el certificado. Con eso no lo aceptan en la universidad, y el muchacho está desesperado. Nosotros ya tenemos la resolución directoral de rectificación firmada."),
    O("Ya, ya, espéreme, la transfiero, no cuelgue.", ov=2.0, dur=2.2),
    C("Ya."),
    X("Rectificaciones SIAGIE, buenos días, habla Patricia Lozano.", gap=8),
    O("Paty, hola, te habla Milagros, de la central. Te paso a la directora Carmen Rosa Inga, de la mil doscientos cuarenta y siete de Ate. Necesita rectificar una nota de Comunicación del acta de quinto de secundaria del año pasado, ya tiene la resolución directoral. ¿La atiendes?"),
    X("Sí, claro, pásamela."),
    X("Buenos días, directora Inga, le habla Patricia Lozano, del equipo de rectificaciones. Me comentan que tiene una resolución para corregir una nota del acta de quinto del año pasado."),
    C("Sí, señorita, buenos días. Es la nota de Comunicación de un exalumno, que figura con nueve y debía ser catorce."),
    X("Perfecto. Le voy a enviar un mensaje al correo de la institución; usted me responde adjuntando la resolución escaneada y el registro del profesor. Apenas lo reciba, hago la corrección en el acta y le aviso para que vuelvan a generar el certificado."),
    C("Ya, perfecto, muchas gracias. Hoy mismo se lo envío."),
    X("De nada, directora. Quedo atenta a su correo."),
])

call(key="M6", op="op03", when="2026-11-23 10:05:59", caller="918776430", fmt="aws_ca",
     cname=("Jhonatan", "Ríos"), fails=("no_interruption",),
     sentiments={7: "NEGATIVE", 19: "POSITIVE", 21: "POSITIVE"},
     overall_sentiment={"AGENT": 1.6, "CUSTOMER": 0.9},
     topic="contraseña caducada que no acepta las nuevas; espera breve bien hecha pero interrumpe al docente",
     turns=[
    O("Buenos días, bienvenido al SIAGIE, le saluda Milagros Flores. ¿Con quién tengo el gusto?"),
    C("Buenos días, le habla Jhonatan Ríos Saavedra, profesor de la institución educativa Andrés Avelino Cáceres, de Huanta."),
    O("Mucho gusto, profesor. ¿Su DNI, por favor?"),
    C("Cuarenta y cuatro, cero cinco, noventa y uno, sesenta y dos."),
    O("Gracias. ¿Y el código modular?"),
    C("Es el cero seis nueve dos cuatro cero uno."),
    O("Perfecto. ¿En qué lo puedo ayudar?"),
    C("Señorita, cuando entro al SIAGIE me sale un mensaje de que mi contraseña ha caducado y que tengo que cambiarla. Yo pongo una nueva, pero me dice que no cumple los requisitos, y ya probé como cinco contraseñas distintas y ninguna me acepta. Ya estoy media hora en esto."),
    O("Ya, le entiendo, profesor: el sistema le pide cambiar la contraseña porque caducó, pero no le acepta las nuevas que escribe. ¿Me permite un momento para revisar en el sistema los requisitos de su usuario? Será un minuto.", ov=1.8),
    C("Sí, claro."),
    O("Gracias por esperar, profesor. Ya revisé. La contraseña nueva tiene que tener al menos ocho letras o números, con una letra mayúscula, una minúscula y un número, y no puede ser igual a ninguna de las tres últimas que usó.", gap=35, hold=True),
    C("Ah, eso de las tres últimas no sabía. Yo estaba poniendo la misma con otro número al final."),
    O("Claro, por eso no se la aceptaba. Le sugiero algo fácil de recordar para usted, por ejemplo el nombre de un lugar con mayúscula al inicio, y un año que recuerde al final."),
    C("Ya, a ver, déjeme intentar con el nombre de mi pueblo."),
    O("Claro, con calma."),
    C("Ya, ya me aceptó, ya entré."),
    O("Excelente. Anótela en un lugar seguro, y recuerde que cada cierto tiempo el sistema le va a pedir cambiarla de nuevo."),
    C("Ya, perfecto."),
    O("¿Le quedó claro o tiene alguna otra consulta?"),
    C("No, todo bien, gracias, señorita."),
    O("Gracias a usted, profesor Ríos, por comunicarse con la central del SIAGIE. Que tenga un buen día."),
    C("Igualmente, señorita, hasta luego."),
])

call(key="M7", op="op03", when="2026-11-27 09:22:31", caller="932147806", fmt="plain", enc="cp1252", nl="\r\n",
     op_tag="Operador", caller_tag="Usuario", cname=("Maritza", "Huillca"), fails=("summarized_query",),
     topic="actualizar domicilio y celular del padre en la ficha de matrícula",
     turns=[
    O("Buenos días, bienvenido a la central del SIAGIE, le saluda Milagros Flores. ¿Con quién tengo el gusto?"),
    C("Buenos días, señorita. Le habla Maritza Huillca Condori, auxiliar de la institución educativa Clorinda Matto de Turner, del Cusco."),
    O("Mucho gusto, señora Maritza. ¿Me indica su DNI?"),
    C("Sí, es cuatro cinco seis seis uno dos cero ocho."),
    O("Gracias. ¿Y el código modular de su institución?"),
    C("Cero dos tres seis cinco cinco uno."),
    O("¿En qué la puedo ayudar?"),
    C("Mire, señorita, un papá vino a decir que se cambió de domicilio y de celular, y quiere que actualicemos sus datos en la ficha de matrícula de su hija. Yo entro a la ficha, pero los datos del papá me salen en gris y no me deja cambiarlos."),
    O("Los datos del padre que vienen de RENIEC, como nombres y fecha de nacimiento, no se modifican en la ficha. Pero el domicilio y el teléfono sí. Tiene que entrar a la ficha de la estudiante, ir a la parte de familiares, elegir al papá y darle a editar. Ahí le aparecen el domicilio y el celular para cambiarlos."),
    C("Ah, tenía que darle a editar. Yo estaba intentando escribir directo."),
    O("Claro, primero editar y después guardar al final. Si no guarda, no se queda el cambio."),
    C("Ya, ya lo estoy haciendo... Ya, me dejó cambiar el celular. ¿Y la dirección también ahí mismo?"),
    O("Sí, ahí mismo, más abajo. Escribe la nueva dirección con la referencia y guarda."),
    C("Ya, listo, ya se guardó. ¿Y eso le sale también en la libreta?"),
    O("No, la libreta no muestra los datos de los padres. Solo queda actualizado en la ficha, que es lo que usa el colegio para comunicarse con la familia."),
    C("Ya, perfecto, señorita."),
    O("Perfecto. ¿Tiene alguna otra consulta?"),
    C("No, señorita, eso era todo. Muchas gracias."),
    O("Gracias a usted, señora Huillca, que tenga un buen día."),
    C("Igualmente, chau."),
])

call(key="M8", op="op03", when="2026-11-30 08:14:50", caller="017419365", fmt="aws_new",
     op_label="spk_1", cname=("Lucía", "Ormeño"), fails=(),
     topic="matrícula de un estudiante que llegó en noviembre (nómina adicional y convalidación)",
     turns=[
    C("¿Aló? ¿Es el SIAGIE?"),
    O("Buenos días, sí, bienvenida a la central de atención del SIAGIE, le saluda Milagros Flores. ¿Con quién tengo el gusto?"),
    C("Buenos días, señorita. Le habla Lucía Ormeño Castro, directora del colegio Micaela Bastidas, de Chincha."),
    O("Mucho gusto, directora. ¿Me brinda su número de DNI, por favor?"),
    C("Sí, es veintidós, cuarenta, setenta y tres, once."),
    O("Gracias. ¿Y el código modular de su institución educativa?"),
    C("Cero cinco uno cuatro cuatro siete dos."),
    O("Perfecto, directora. ¿En qué la puedo ayudar?"),
    C("Mire, el viernes llegó un niño de Ecuador, de cuarto grado, con sus documentos en regla, y la familia quiere que estudie lo que queda del año. Quiero saber si todavía puedo matricularlo, porque ya estamos en noviembre y no sé si el sistema lo permite."),
    O("Le comprendo, directora. Si no le he entendido mal, usted quiere matricular a un estudiante que llegó recién este mes, y necesita saber si todavía se puede registrar en el SIAGIE a estas alturas del año."),
    C("Sí, exactamente."),
    O("Sí se puede, directora. Se hace con una nómina adicional. Primero registra la matrícula del niño en cuarto grado, con su documento de identidad, y luego genera la nómina adicional solo con él y la envía a la UGEL para su aprobación."),
    C("¿Y las notas de los bimestres anteriores? Porque en Ecuador tenía otras notas."),
    O("Para eso necesita la convalidación de sus estudios. Con la resolución de convalidación, usted registra las notas que le reconocen, y desde ahora sus profesores le ponen las notas del cuarto bimestre como a los demás."),
    C("Ya. ¿La convalidación la hago en el colegio o en la UGEL?"),
    O("Para primaria, la hace el mismo colegio con una resolución directoral, revisando los certificados que trae la familia. Si tiene dudas con los documentos de Ecuador, el especialista de su UGEL la puede orientar."),
    C("Ya, perfecto, está clarísimo."),
    O("Muy bien. ¿Tiene alguna otra consulta, directora?"),
    C("No, eso era todo, gracias."),
    O("Gracias a usted, directora Ormeño, por comunicarse con nosotros. Que tenga un excelente día."),
    C("Igualmente, señorita."),
])


# ============================================================================================
# op04 Luis Ccahuana Paredes (Tarde, 204;214) - holds without permission, too long, no thanks
# ============================================================================================

call(key="L1", op="op04", when="2026-11-03 14:12:40", caller="979311046", fmt="vtt_voice",
     op_label="SPEAKER_00", hours=True, cname=("Nilton", "Yupanqui"),
     fails=("hold_explained", "hold_permission", "hold_thanks"),
     topic="periodo cerrado durante un descanso médico; espera sin aviso ni permiso ni agradecimiento",
     turns=[
    O("Buenas tardes, bienvenido al SIAGIE, le saluda Luis Ccahuana. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, joven, con Nilton Yupanqui, profesor de ciencias del colegio José Abelardo Quiñones, de Iquitos."),
    O("Mucho gusto, profesor. ¿Su DNI, por favor?"),
    C("Cuatro, tres, dos, cero, ocho, uno, nueve, cinco."),
    O("¿Y el código modular del colegio?"),
    C("Cero, cinco, nueve, siete, tres, seis, dos."),
    O("Ya. ¿En qué lo puedo ayudar?"),
    C("Mire, joven, yo estuve con descanso médico dos semanas y cuando regresé quise registrar las notas del tercer bimestre, pero me dice que el periodo está cerrado. Y me faltan las notas de dos secciones, de tercero A y tercero B."),
    O("Ya, o sea que el periodo se cerró mientras usted estaba con descanso médico y le faltan dos secciones por registrar. Un momentito."),
    HAL("Gracias por ver el video.", who="C", gap=20),
    O("Ya, a ver. Sí, su colegio cerró el tercer bimestre el día doce. Cuando el periodo está cerrado, usted ya no puede registrar directamente.", gap=23, hold=True),
    C("¿Y entonces qué hago? Los chicos se van a quedar sin nota, y no es culpa de ellos."),
    O("El director tiene que pedir a la UGEL que habilite el periodo para su colegio por unos días. Con eso usted registra las notas que faltan y luego el director vuelve a cerrar."),
    C("¿Y eso lo hace por el sistema o con un oficio?"),
    O("Con un oficio a la UGEL, adjuntando el motivo; en su caso, su descanso médico. La UGEL lo habilita normalmente en uno o dos días."),
    C("Ya, entiendo. Le voy a decir al director hoy mismo, antes de que se vaya."),
    O("Eso sería, profesor. ¿Alguna otra consulta?"),
    C("No, eso nomás, gracias."),
    O("Gracias por llamar, profesor Yupanqui. Buenas tardes."),
    C("Buenas tardes."),
])

call(key="L2", op="op04", when="2026-11-05 15:30:18", caller="017893021", fmt="whisperx",
     op_label="SPEAKER_01", wx_words=True, style=("noaccent", "nopunct", "lower"),
     cname=("Yesenia", "Chumpitaz"), fails=("hold_permission", "hold_thanks", "hold_checkins"),
     topic="alumna trasladada que sigue en la nómina; espera de 150 s sin permiso, sin volver y sin agradecer",
     turns=[
    O("Buenas tardes, bienvenida al SIAGIE, le saluda Luis Ccahuana, ¿con quién tengo el gusto?"),
    C("Buenas tardes, le habla Yesenia Chumpitaz, secretaria del colegio San Vicente de Paúl, del Callao."),
    O("Mucho gusto. ¿Me da su número de DNI?"),
    C("Cuarenta y siete, doce, noventa, cero tres."),
    O("¿Y el código modular?"),
    C("Cero seis uno ocho dos dos cinco."),
    O("Ya, dígame, ¿en qué la ayudo?"),
    C("Mire, joven, hace un mes una alumna de primero de secundaria se trasladó a un colegio de Ventanilla. Nosotros aceptamos el traslado, pero hasta ahora la alumna nos sigue apareciendo en la nómina, y en el colegio de Ventanilla dicen que a ellos ya les figura. Entonces está en los dos lados."),
    O("Ya, entiendo, o sea que la alumna aparece en los dos colegios a la vez. ¿Me da el DNI de la alumna?"),
    C("Sí, es siete uno cero cuatro cuatro nueve ocho dos."),
    O("Déjeme revisar el traslado en el sistema, eso demora un par de minutos. Espere."),
    C("Ya."),
    HAL("Gracias por ver el video.", who="O", gap=70),
    O("Ya, aló, ¿sigue ahí? Ya vi el caso.", gap=78, hold=True),
    C("Sí, aquí estoy."),
    O("El traslado sí está completo. La alumna ya no está en su matrícula; lo que pasa es que la nómina que usted ve es la que se aprobó en abril, y esa no cambia. Los traslados se reflejan en el reporte de estudiantes matriculados, no en la nómina aprobada."),
    C("Ah, ya. O sea que no tengo que hacer nada."),
    O("No, no tiene que hacer nada. Si revisa el reporte de matriculados de primero de secundaria, ya no le aparece."),
    C("Ya, déjeme ver... Sí, es cierto, ya no está. Qué alivio."),
    O("Perfecto. ¿Alguna otra consulta, señora Yesenia?"),
    C("No, nada más, joven, gracias."),
    O("Gracias a usted, señora Chumpitaz, buenas tardes."),
    C("Buenas tardes."),
])

call(key="L3", op="op04", when="2026-11-10 16:02:33", caller="956330871", fmt="aws_old",
     op_label="spk_0", cname=("Teodoro", "Lizárraga"), fails=("hold_checkins", "hold_callback"),
     topic="constancia de logros bloqueada por nómina no aprobada; espera de más de tres minutos sin avisos ni devolución de llamada",
     turns=[
    O("Buenas tardes, bienvenido a la central de atención del SIAGIE, le saluda Luis Ccahuana. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, joven. Le habla Teodoro Lizárraga, director de la institución educativa Santa Ana, de Moquegua."),
    O("Mucho gusto, director. ¿Me brinda su DNI, por favor?"),
    C("Sí, cero cuatro, cuarenta y cuatro, setenta y dos, dieciocho."),
    O("Gracias. ¿Y el código modular de su colegio?"),
    C("Cero dos nueve ocho uno siete tres."),
    O("Gracias, director. ¿En qué lo puedo ayudar?"),
    C("Mire, una familia se va a vivir a Chile a fin de mes y necesita la constancia de logros de aprendizaje de su hijo, que está en sexto grado. Cuando intento generarla en el SIAGIE, me sale un mensaje de que el estudiante tiene la matrícula no aprobada. Pero el niño ha estudiado todo el año con nosotros."),
    O("Ya, director, le comprendo. Usted necesita generar la constancia de logros del niño de sexto grado y el sistema le dice que su matrícula no está aprobada, aunque estudia con ustedes desde inicio de año. Voy a revisar en el sistema la nómina de sexto grado para ver por qué figura así; esto me puede tomar unos tres minutos. ¿Puede esperar en línea?"),
    C("Sí, claro, espero."),
    O("Director, gracias por su espera. Ya encontré el motivo: la nómina de sexto grado de su colegio fue enviada en abril, pero la UGEL nunca la aprobó; sigue en estado enviada. Por eso el sistema no considera aprobadas esas matrículas.", gap=200, hold=True),
    C("¿Cómo? ¿Todo este tiempo? Nadie nos avisó."),
    O("Así es. Le recomiendo comunicarse con el especialista SIAGIE de la UGEL Moquegua para que apruebe la nómina de sexto grado. Cuando la aprueben, usted ya podrá generar la constancia del niño sin problema."),
    C("¿Y las otras nóminas? ¿Están bien?"),
    O("Sí, revisé las demás y están aprobadas. Solo es sexto grado."),
    C("Ya, menos mal. Mañana temprano llamo a la UGEL."),
    O("Muy bien. ¿Le quedó claro o tiene alguna otra consulta?"),
    C("No, todo claro, gracias."),
    O("Gracias a usted, director Lizárraga. Que tenga buenas tardes."),
    C("Igualmente."),
])

call(key="L4", op="op04", when="2026-11-12 13:44:09", caller="951226804", fmt="srt_speaker",
     op_label="SPEAKER_00", cname=("Delia", "Choque"), fails=("hold_permission",),
     topic="DNI de una niña que no valida con RENIEC; espera larga con aviso y devolución de llamada, pero la segunda espera sin permiso",
     turns=[
    O("Buenas tardes, bienvenida a la central del SIAGIE, le saluda Luis Ccahuana, ¿con quién tengo el gusto?"),
    C("Buenas tardes, joven, con Delia Choque Layme, profesora de inicial de la institución educativa trescientos veinte, de Ilave."),
    O("Mucho gusto, profesora. ¿Me da su DNI, por favor?"),
    C("Sí, cero uno, ochenta y dos, cincuenta y cinco, cuarenta y nueve."),
    O("¿Y el código modular de su institución?"),
    C("Es uno seis cero tres nueve cuatro ocho."),
    O("Ya. ¿En qué la puedo ayudar?"),
    C("Mire, joven, estoy matriculando a una niña de tres años que llegó recién, y cuando pongo su DNI me sale que no se pudo validar con RENIEC. Ya lo intenté varias veces y el DNI está bien, lo tengo aquí en la mano."),
    O("Ya, o sea que el DNI de la niña no se valida con RENIEC y por eso no puede matricularla. ¿Me dicta el DNI de la niña?"),
    C("Sí, nueve cero uno dos tres cuatro cinco seis."),
    O("Voy a consultar el DNI de la niña directamente en el sistema de validación; eso suele demorar unos dos minutos. ¿Me permite un momento?"),
    C("Sí, joven, espero."),
    O("Gracias por esperar, profesora. Todavía no responde la consulta a RENIEC. Sigo revisando, espere nomás.", gap=105, hold=True),
    O("Gracias por la espera, profesora. La consulta sigue sin responder; a veces la validación con RENIEC se demora por la tarde. Para no tenerla esperando, ¿le parece si le devuelvo la llamada cuando tenga la respuesta? ¿A qué número la llamo?", gap=100, hold=True),
    C("Sí, mejor. Mi celular es 951 226 804."),
    O("951 226 804. Perfecto, profesora. Apenas tenga la validación la llamo. Si el DNI se valida, usted ya puede matricularla normalmente; y si no, le indico cómo registrarla mientras tanto para que la niña no se quede sin matrícula."),
    C("Ya, joven, gracias, muy amable."),
    O("¿Le quedó claro, profesora? ¿Alguna otra duda?"),
    C("No, todo claro."),
    O("Gracias por su paciencia, profesora Choque. La llamo más tarde. Buenas tardes."),
    C("Buenas tardes."),
])

call(key="L5", op="op04", when="2026-11-17 15:08:21", caller="948337120", fmt="vtt_zoom",
     op_name="Luis Ccahuana Paredes", caller_label="948337120", cname=("Gerson", "Vílchez"),
     fails=("hold_permission",),
     topic="certificado parcial de primero a cuarto para una beca; dos esperas, la segunda sin pedir permiso",
     turns=[
    O("Buenas tardes, bienvenido al SIAGIE, le saluda Luis Ccahuana. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, joven, le habla Gerson Vílchez Ramos, subdirector del colegio Nuestra Señora del Carmen, de Cajamarca."),
    O("Mucho gusto, subdirector. ¿Me da su DNI, por favor?"),
    C("Cuarenta y uno, noventa y ocho, veintiséis, cero siete."),
    O("¿Y el código modular del colegio?"),
    C("Cero tres cuatro nueve nueve uno seis."),
    O("Gracias. ¿En qué lo puedo ayudar?"),
    C("Mire, un alumno de quinto de secundaria está postulando a una beca y le piden el certificado de estudios de primero a cuarto. Quiero saber si se lo podemos dar ya, porque todavía no cerramos el año."),
    O("Ya, entiendo. O sea que el alumno necesita ahora el certificado de primero a cuarto de secundaria, aunque todavía no termina quinto. Voy a verificar en el sistema si las actas de los años anteriores de su colegio están completas; le pido un minuto. ¿Me permite un momento?"),
    C("Sí, claro."),
    O("Gracias por esperar. Las actas de primero a cuarto de su colegio están cerradas y completas, así que sí se puede emitir un certificado con esos grados.", gap=30, hold=True),
    C("Ah, qué bueno. ¿Y cómo lo saco? Porque el plazo de la beca vence el viernes."),
    O("Desde el SIAGIE, en la opción de certificados, busca al estudiante por su DNI y elige los grados concluidos. ¿Me dice el DNI del alumno, para ver que no tenga ninguna observación?"),
    C("Sí, siete cuatro cinco cero dos uno ocho tres."),
    O("Espere un ratito."),
    O("Gracias por la espera. El alumno no tiene observaciones: tiene sus notas completas de primero a cuarto. Puede emitir el certificado con esos cuatro grados y, cuando cierre quinto, se emite el certificado completo.", gap=40, hold=True),
    C("Perfecto. ¿Y ese certificado parcial tiene validez para la beca?"),
    O("Sí, es un certificado oficial, con código de verificación. Lo que sí, tiene que firmarlo el director."),
    C("Ya, el director está acá, no hay problema."),
    O("Muy bien. ¿Le quedó claro, subdirector? ¿Alguna otra consulta?"),
    C("No, todo claro, gracias."),
    O("Gracias por llamar, subdirector Vílchez. Buenas tardes."),
    C("Buenas tardes."),
])

call(key="L6", op="op04", ext="204", route="direct", naming="external", when="2026-11-19 14:26:57",
     caller="944105682", fmt="srt_speaker", op_label="SPEAKER_01", cname=("Susana", "Cusi"),
     fails=("checked_understanding",),
     topic="constancia de matrícula para el programa Juntos (llamada directa al anexo 204)",
     turns=[
    C("¿Aló? ¿Con el anexo doscientos cuatro?"),
    O("Buenas tardes, sí, bienvenida a la central de atención del SIAGIE, le saluda Luis Ccahuana. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, con Susana Cusi Arenas, secretaria de la institución educativa cincuenta y seis mil ciento veinte, de Sicuani."),
    O("Mucho gusto, señora Susana. ¿Me indica su DNI?"),
    C("Sí, veinticuatro, sesenta y ocho, once, treinta."),
    O("Gracias. ¿Y el código modular?"),
    C("Cero cinco nueve cero tres tres uno."),
    O("¿En qué la puedo ayudar?"),
    C("Mire, joven, una mamá necesita la constancia de matrícula de su hijo para el programa Juntos, y yo antes la sacaba del SIAGIE, pero este año no encuentro dónde está. Ya busqué por todos lados."),
    O("Ya, le entiendo. Entonces lo que necesita es imprimir la constancia de matrícula de un estudiante y no encuentra la opción este año."),
    C("Sí, eso."),
    O("La opción está en la parte de reportes, en constancias. Ahí pone el DNI del estudiante o lo busca por su nombre, elige el año dos mil veintiséis y le da a generar. Le sale la constancia lista para imprimir, con el sello del colegio."),
    C("Ah, ya lo vi, estaba en reportes. Yo lo buscaba en matrícula."),
    O("Sí, este año la movieron a reportes. Para la mamá, la constancia debe llevar la firma del director."),
    C("Ya, perfecto, la firma el director y listo. ¿Y tiene que llevar sello también, o solo la firma?"),
    O("Con la firma y el sello del director es suficiente."),
    O("Así es. Si el programa Juntos le pide algún otro documento, la mamá puede pedir también la ficha de matrícula, que sale en la misma opción."),
    C("Ya, joven, muchas gracias, ya la estoy imprimiendo."),
    O("De nada, señora Cusi. Gracias por llamar, buenas tardes."),
    C("Buenas tardes."),
])

call(key="L7", op="op04", when="2026-11-24 16:45:12", caller="966214058", fmt="whisperx",
     op_label="SPEAKER_00", cname=None,
     fails=("asked_name", "transfer_explained", "transfer_answered"),
     transfer=dict(kind="blind", ext="250", area="Soporte SIAGIE - segundo nivel"),
     topic="usuario de director suspendido tras cambio de UGEL; no pide el nombre y transfiere a ciegas sin explicar",
     turns=[
    O("Buenas tardes, bienvenido al SIAGIE, le saluda Luis Ccahuana."),
    C("Buenas tardes, joven. Mire, llamo porque desde la semana pasada mi usuario de director del SIAGIE aparece suspendido, y tengo que aprobar las actas antes de fin de mes."),
    O("Ya, o sea que su usuario de director está suspendido. ¿Me da su DNI, por favor?"),
    C("Sí, cuatro cero cero nueve uno siete seis tres."),
    O("¿Y el código modular?"),
    C("Cero tres uno seis seis cuatro dos. Es la institución educativa treinta y cuatro mil ciento setenta y cinco, de Cerro de Pasco."),
    O("Ya, cuénteme, ¿qué pasó antes de que se suspendiera?"),
    C("Mire, este año nuestro colegio pasó de la UGEL Pasco a la UGEL Daniel Carrión, porque cambiaron los límites del distrito, y desde entonces, cuando entro con mi usuario de director, me dice que mi usuario está suspendido. Y yo no he hecho nada, ni me he equivocado de contraseña."),
    O("Ya, entiendo."),
    C("Y la UGEL nueva me dice que ellos ya me registraron, y la UGEL antigua dice que ya no les corresponde. Me tienen de un lado para otro."),
    O("¿Le aparece algún mensaje además de suspendido?"),
    C("Dice usuario suspendido, comuníquese con el administrador. Nada más. Y yo le pregunto a la UGEL quién es el administrador y nadie sabe decirme."),
    O("¿Desde qué fecha le pasa?"),
    C("Desde el lunes pasado. El viernes todavía entré normal, registré unas asistencias."),
    O("¿Probó con la opción de olvidé mi contraseña?"),
    C("Sí, joven, ya probé. Me llega el correo, cambio la contraseña, pero cuando entro me vuelve a salir lo mismo, usuario suspendido. Ya lo hice dos veces."),
    O("Ya. Un momento, lo transfiero."),
    C("¿Con quién me está transfiriendo? ¿Aló?"),
])

call(key="L8", op="op04", when="2026-11-26 17:05:44", caller="983017452", fmt="vtt_name",
     op_name="Luis Ccahuana", caller_label="Llamante", hours=True, close_v=True,
     vtt_header=["Kind: captions", "Language: es"], cname=("Pilar", "Zevallos"),
     fails=("hold_explained",),
     topic="estudiante que no figura en la nómina (matrícula posterior); pide permiso pero no dice cuánto demorará",
     turns=[
    O("Buenas tardes, bienvenido a la central del SIAGIE, le saluda Luis Ccahuana. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, le habla Pilar Zevallos, directora de la institución educativa Francisco Bolognesi, de Tacna."),
    O("Mucho gusto, directora. ¿Me brinda su DNI, por favor?"),
    C("Sí, cero cero, cuarenta y nueve, treinta y uno, setenta y seis."),
    O("Gracias. ¿Y el código modular de la institución?"),
    C("Cero siete tres cinco cinco cero ocho."),
    O("¿En qué la puedo ayudar, directora?"),
    C("Mire, joven, tenemos un alumno de segundo de secundaria que asiste desde abril, tiene notas registradas y todo, pero cuando imprimo la nómina de matrícula no aparece. La UGEL me dice que si no está en la nómina, no le pueden dar certificado."),
    O("Ya, le comprendo. Entonces el estudiante tiene matrícula y notas, pero no figura en la nómina impresa. Voy a revisar su nómina de segundo de secundaria. ¿Puede esperar en línea?"),
    C("Sí, claro."),
    HAL("[música]", who="O", gap=25),
    HAL("¡Suscríbete!", who="O", gap=15),
    O("Gracias por esperar, directora. Ya revisé. El estudiante fue matriculado el veinte de abril, después de que se aprobó la nómina de segundo. Por eso no figura en esa nómina: las matrículas posteriores van en una nómina adicional.", gap=27, hold=True),
    C("¿Y esa nómina adicional quién la hace?"),
    O("La genera usted desde el SIAGIE, en la opción de nóminas, eligiendo nómina adicional para segundo grado. Le aparece el estudiante, la envía a la UGEL y ellos la aprueban."),
    C("Ah, ya. No sabía que había que hacer otra nómina."),
    O("Es normal, pasa mucho con los estudiantes que llegan después de la aprobación. Una vez aprobada, el estudiante ya no va a tener problemas para su certificado."),
    C("Ya, perfecto. Mañana la genero a primera hora."),
    O("Muy bien. ¿Le quedó claro o tiene alguna otra consulta?"),
    C("No, está clarísimo, gracias."),
    O("Gracias a usted, directora Zevallos. Que tenga buenas tardes."),
    C("Igualmente."),
])


# ============================================================================================
# op05 Katherine Salazar Poma (Tarde, 205) - technical jargon
# ============================================================================================

call(key="K1", op="op05", when="2026-11-04 14:55:37", caller="974663201", fmt="vtt_voice",
     op_label="SPEAKER_01", hours=False, close_v=True, cname=("Iván", "Cornejo"), fails=("plain_language",),
     topic="pantalla en blanco al ingresar; lo explica con servidor, caché, navegador y base de datos",
     turns=[
    C("¿Aló? ¿Aló, SIAGIE?"),
    O("Buenas tardes, bienvenido a la central de atención del SIAGIE, le saluda Katherine Salazar. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, señorita, con Iván Cornejo Alva, profesor del aula de innovación de la institución educativa Gran Mariscal Ramón Castilla, de Trujillo."),
    O("Mucho gusto, profesor. ¿Me indica su número de DNI?"),
    C("Dieciocho, veintidós, cuarenta y uno, noventa y siete."),
    O("Gracias. ¿Y el código modular de su institución?"),
    C("Cero cuatro siete ocho tres dos nueve."),
    O("Perfecto. ¿En qué lo puedo ayudar?"),
    C("Señorita, desde ayer varios profesores del colegio entran al SIAGIE, ponen su usuario y contraseña, y la pantalla se queda en blanco. No sale nada. A mí también me pasa, y estamos en plena semana de notas."),
    O("Ya, le comprendo, profesor. Entonces, al ingresar con usuario y contraseña, la pantalla se queda en blanco, a usted y a otros profesores, desde ayer."),
    C("Sí, así es."),
    O("Lo que pasa es que ayer hubo una actualización en el servidor y algunos equipos guardaron en la caché la versión anterior de la página. Como su navegador carga esos archivos viejos y no los nuevos de la base de datos, la página se queda en blanco."),
    C("Ah, ya. ¿Y qué hacemos?"),
    O("Tiene que borrar la caché del navegador. En Chrome, presiona control, shift y suprimir a la vez, marca archivos e imágenes almacenados y le da a borrar datos. Luego vuelve a entrar al SIAGIE."),
    C("A ver, un ratito, lo hago ahorita mientras estamos hablando. Ya, ya entré, ya me carga normal."),
    O("Perfecto. Lo mismo tienen que hacer los demás profesores en sus computadoras."),
    C("Ya, les voy a pasar la voz. ¿Esto va a volver a pasar?"),
    O("Puede pasar cada vez que se actualiza el sistema, pero con ese mismo paso se soluciona."),
    C("Ya, perfecto, gracias."),
    O("¿Le quedó claro, profesor, o tiene alguna otra consulta?"),
    C("No, todo claro."),
    O("Gracias por comunicarse con el SIAGIE, profesor Cornejo, que tenga buenas tardes."),
    C("Igualmente."),
])

call(key="K2", op="op05", when="2026-11-06 15:42:10", caller="017325618", fmt="aws_ca", naming="bare",
     cname=("Norma", "Gamarra"), fails=("plain_language",),
     overall_sentiment={"AGENT": 2.4, "CUSTOMER": 1.2},
     topic="usuario de directora bloqueado; habla de credenciales, reseteo y perfil de usuario",
     turns=[
    O("Buenas tardes, bienvenida a la central del SIAGIE, le saluda Katherine Salazar. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, con la directora Norma Gamarra Ríos, de la institución educativa siete mil ochenta y dos, de San Juan de Miraflores."),
    O("Mucho gusto, directora. ¿Me brinda su número de DNI?"),
    C("Sí, cero nueve, treinta y tres, ochenta, cuarenta y cinco."),
    O("Gracias. ¿Y el código modular de su colegio?"),
    C("Cero tres ocho seis uno uno cuatro."),
    O("Perfecto. ¿En qué la puedo ayudar?"),
    C("Mire, señorita, ayer mi secretaria intentó entrar con mi usuario para adelantar unas cosas y se equivocó varias veces de contraseña, y ahora el usuario está bloqueado. Y yo tengo que aprobar unas nóminas hoy."),
    O("Ya, entiendo, directora. O sea que su usuario quedó bloqueado después de varios intentos fallidos y necesita entrar hoy para aprobar las nóminas."),
    C("Sí, exacto."),
    O("Muy bien. Sus credenciales quedaron bloqueadas por seguridad. Voy a hacer un reseteo de su contraseña desde aquí, y el sistema le va a enviar una contraseña temporal al correo asociado a su perfil de usuario."),
    C("Ya. ¿Y al correo de quién llega? Porque la secretaria también tiene acceso a mi correo."),
    O("Al correo que está registrado en su perfil de usuario, directora. Cuando entre con la contraseña temporal, el sistema le pide crear una nueva. Le recomiendo no compartir sus credenciales, porque cada usuario es personal y todo lo que se hace queda registrado a su nombre."),
    C("Sí, tiene razón. Ya no le voy a dar mi contraseña a nadie."),
    O("Listo, ya hice el reseteo. Revise su correo, por favor."),
    C("A ver... Sí, ya me llegó. Ya entré, me pidió cambiar la contraseña y ya la cambié."),
    O("Perfecto. ¿Le quedó claro todo, directora? ¿Alguna otra consulta?"),
    C("No, todo bien, gracias."),
    O("Gracias a usted, directora Gamarra, por llamar a la central del SIAGIE. Buenas tardes."),
    C("Buenas tardes."),
])

call(key="K3", op="op05", when="2026-11-09 16:18:52", caller="981552306", fmt="srt_name", enc="cp1252", nl="\r\n",
     op_name="Katherine Salazar Poma", caller_label="Usuario", cname=("Jesús", "Peña"), fails=(),
     topic="descarga del registro auxiliar que no se abre (usa un solo término técnico: navegador)",
     turns=[
    O("Buenas tardes, bienvenido al SIAGIE, le saluda Katherine Salazar. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, señorita. Le habla Jesús Peña Ñaupa, profesor de la institución educativa Señor de Huanca, de Calca, en el Cusco."),
    O("Mucho gusto, profesor Jesús. ¿Me indica su DNI, por favor?"),
    C("Sí, es dos cuatro siete nueve nueve cero uno tres."),
    O("Gracias. ¿Y el código modular del colegio?"),
    C("Cero dos cuatro ocho ocho cinco cero."),
    O("Perfecto. ¿En qué lo puedo ayudar?"),
    C("Mire, señorita, quiero descargar el registro auxiliar de mi sección para llenar las notas en mi casa, porque allá no tengo buena señal, en Excel. Le doy al botón de descargar, pero no pasa nada, no se abre nada."),
    O("Ya, le comprendo. Usted le da a descargar el registro auxiliar y no ve que se abra ningún archivo."),
    C("Sí, eso."),
    O("Muchas veces el archivo sí se descarga, pero no se abre solo: se guarda en la carpeta de Descargas de su computadora. ¿Puede revisar esa carpeta?"),
    C("A ver... Ay, sí, aquí hay como diez archivos con el mismo nombre. Le di varias veces."),
    O("Claro, cada vez que le dio al botón se descargó uno. Puede abrir el último y borrar los demás. Si quiere que se abra solo, en la parte de arriba del navegador le aparece una flechita de descargas; ahí lo selecciona y se abre directamente."),
    C("Ya, ya lo abrí. Perfecto. ¿Y después, cuando lo llene, cómo lo subo?"),
    O("Cuando termine de llenar las notas, entra a la misma opción, le da a cargar registro, elige su archivo y el sistema le muestra las notas para que las revise antes de guardar."),
    C("Ya, entendido. ¿Y si me equivoco en algo?"),
    O("No pasa nada: antes de guardar puede corregir, y mientras el bimestre esté abierto también puede cambiar cualquier nota."),
    C("Ya, perfecto."),
    O("¿Le quedó claro, profesor? ¿Tiene alguna otra duda?"),
    C("No, todo clarito, gracias."),
    O("Profesor Peña, gracias por comunicarse con el SIAGIE. Que tenga buenas tardes."),
    C("Igualmente."),
])

call(key="K4", op="op05", when="2026-11-13 14:37:26", caller="017442981", fmt="vtt_name",
     op_name="Katherine Salazar", caller_label="Usuario", other_label="Especialista de traslados",
     hours=True, close_v=True, cname=("Ana", "Gómez"), fails=("plain_language",),
     transfer=dict(kind="attended", ext="241", area="Equipo de traslados"),
     topic="traslado de un colegio que cerró; transferencia atendida bien explicada, pero con jerga",
     turns=[
    O("Buenas tardes, bienvenida a la central de atención del SIAGIE, le saluda Katherine Salazar. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, señorita, le habla Ana Lucía Gómez, secretaria de la institución educativa Fe y Alegría número veinticinco, de San Juan de Lurigancho."),
    O("Mucho gusto, señora Ana Lucía. ¿Me brinda su DNI?"),
    C("Sí, cuarenta y cinco, cero dos, sesenta y uno, ochenta y nueve."),
    O("Gracias. ¿Y el código modular de la institución?"),
    C("Cero tres nueve cero siete siete dos."),
    O("Perfecto. ¿En qué la puedo ayudar?"),
    C("Mire, tenemos un alumno que vino de Huánuco, de un colegio rural que este año cerró. Queremos registrar el traslado, pero el sistema dice que el colegio de origen tiene que aprobarlo, y ese colegio ya no existe, no hay director ni nadie."),
    O("Ya, le comprendo. Entonces quiere registrar el ingreso por traslado de un estudiante cuyo colegio de origen cerró, y no hay nadie que apruebe la salida."),
    C("Sí, exactamente. Y el chico ya lleva un mes viniendo."),
    O("Lo que pasa es que cuando un colegio cierra, la migración de sus estudiantes no siempre termina bien, y el registro en la tabla de traslados queda esperando una aprobación que nadie va a dar. Para sincronizar el caso hay que hacerlo desde el equipo de traslados. Le voy a transferir con una especialista de traslados, porque ella puede aprobar la salida en lugar del colegio que cerró. No cuelgue, por favor."),
    C("Ya, señorita, gracias."),
    X("Equipo de traslados, buenas tardes, habla Giuliana Céspedes.", gap=10),
    O("Giuliana, hola, te habla Katherine, de la central. Te paso a la señora Ana Lucía Gómez, secretaria de Fe y Alegría veinticinco de San Juan de Lurigancho. Quiere registrar el traslado de un estudiante que viene de un colegio de Huánuco que cerró este año, y no hay quien apruebe la salida."),
    X("Ya, perfecto, pásamela."),
    O("Señora Ana Lucía, la dejo con Giuliana Céspedes, del equipo de traslados. Gracias por llamar."),
    C("Gracias, señorita."),
    X("Buenas tardes, señora Gómez. ¿Me podría dar el DNI del estudiante, por favor?"),
    C("Sí, claro, es siete cinco tres tres cero ocho uno dos."),
    X("Perfecto, ya lo tengo en pantalla. Voy a registrar la salida desde aquí y en unos minutos usted ya puede completar el ingreso."),
    C("Ay, qué bueno, muchas gracias."),
])

call(key="K5", op="op05", when="2026-11-18 15:14:03", caller="969387215", fmt="whisperx",
     op_label="SPEAKER_00", wx_words=True, cname=("Franco", "Ledesma"), fails=(),
     topic="el sistema lo saca mientras registra notas; el docente usa jerga y la operadora responde sin ella",
     turns=[
    O("Buenas tardes, bienvenido a la central del SIAGIE, le saluda Katherine Salazar."),
    C("Buenas tardes, señorita. Mire, le llamo porque el SIAGIE me cierra la sesión a cada rato. Estoy registrando notas y a los cinco minutos me bota y pierdo lo que avancé. Ya borré la caché y las cookies del navegador, probé en otro navegador, y nada."),
    O("Claro, con gusto lo ayudo. Si no le he entendido mal, mientras registra las notas el sistema lo saca a los pocos minutos y se pierde lo que no guardó, aunque ya probó limpiando el historial y con otro programa para entrar a internet. Antes de revisar, ¿con quién tengo el gusto?"),
    C("Sí, eso mismo. Con Franco Ledesma, profesor de computación de la institución educativa Politécnico Regional del Centro, de Huancayo."),
    O("Mucho gusto, profesor Franco. ¿Me indica su DNI y el código modular de su colegio, por favor?"),
    C("Sí, mi DNI es veinte, setenta y dos, noventa y nueve, catorce, y el código modular es cero cuatro uno cero tres tres seis. Y a los otros profesores no les pasa tanto, por eso pensé que era mi máquina."),
    O("Gracias, profesor. Por seguridad, el SIAGIE cierra el ingreso cuando pasan unos minutos sin que se guarde nada. Aunque usted esté escribiendo, si no le da a guardar, el sistema piensa que no hay nadie. Le recomiendo guardar cada vez que termine a un grupo de estudiantes, por ejemplo cada diez alumnos."),
    C("Ah, o sea que no es mi computadora. Es el tiempo."),
    O("Exacto, es el tiempo. Cada vez que guarda, el tiempo vuelve a empezar, y así no lo saca."),
    C("Ya. Yo pensaba que era un problema de la red del colegio."),
    O("Es una duda muy común. Si después de guardar seguido le sigue pasando, nos vuelve a llamar y lo revisamos con más detalle."),
    C("Ya, perfecto, voy a probar así."),
    O("Muy bien. ¿Le quedó claro, profesor, o tiene alguna otra consulta?"),
    C("No, todo claro, gracias."),
    O("Gracias a usted, profesor Ledesma, por comunicarse con el SIAGIE. Buenas tardes."),
    C("Buenas tardes."),
])

call(key="K6", op="op05", when="2026-11-20 16:33:45", caller="952018746", fmt="vtt_wx",
     op_label="SPEAKER_01", hours=False, cname=("Liliana", "Cabrera"), fails=("plain_language",),
     topic="dónde sacar el certificado por internet; espera breve correcta, pero habla de URL, cookies y navegador",
     turns=[
    O("Buenas tardes, bienvenido a la central del siagie, le saluda Katherine Salazar. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, con Liliana Cabrera, tutora de quinto de secundaria de la institución educativa Mariscal Cáceres, de Ayacucho."),
    O("Mucho gusto, profesora Liliana. ¿Me indica su DNI?"),
    C("Sí, 28314602."),
    O("¿Y el código modular de su colegio?"),
    C("Cero dos ocho tres seis seis cuatro."),
    O("Gracias. ¿En qué la puedo ayudar?"),
    C("Mire, señorita, los padres de mis alumnos de quinto me preguntan dónde pueden sacar el certificado de estudios de sus hijos de años anteriores, y yo les di una dirección de internet que me pasaron, pero dicen que no abre."),
    O("Ya, entiendo. O sea que necesita la dirección correcta para que los padres saquen el certificado de estudios por internet. Voy a verificar cuál es la dirección vigente, le pido un minuto. ¿Me permite un momento?"),
    C("Sí, claro."),
    HAL("Subtítulos por la comunidad de Amara.org", who="C", gap=14),
    O("Gracias por la espera, profesora. La URL correcta es la del portal del Ministerio de Educación, en la sección de certificados. Si a los padres no les abre, puede ser por las cookies del navegador; que prueben en otro navegador o en modo incógnito.", gap=19, hold=True),
    C("Ah, ya. ¿Y qué necesitan para sacarlo?"),
    O("El DNI del estudiante y la fecha de emisión del DNI. Con eso el sistema les muestra el certificado y lo pueden descargar gratis, con firma digital."),
    C("Ya, perfecto, les voy a pasar la información por el grupo de padres. Así ya no me preguntan uno por uno."),
    O("Muy bien. ¿Le quedó claro o tiene alguna otra duda?"),
    C("No, todo clarito."),
    O("Gracias por comunicarse, profesora Cabrera. Que tenga buenas tardes."),
    C("Igualmente, señorita."),
])

call(key="K7", op="op05", ext="205", route="direct", naming="external", when="2026-11-24 14:03:31",
     caller="943880126", fmt="native", op_name="Katherine Salazar", cname=("Walter", "Pacheco"),
     fails=("closing_by_name",),
     topic="docente reemplazante por licencia de maternidad (llamada directa al anexo 205); se despide sin nombrarlo",
     turns=[
    O("Buenas tardes, bienvenido a la central de atención del SIAGIE, le saluda Katherine Salazar. ¿Con quién tengo el gusto?"),
    C("Buenas tardes. Le habla Walter Pacheco Urbina, director de la institución educativa Inmaculada Concepción, de Tumbes."),
    O("Mucho gusto, director Walter. ¿Me indica su DNI, por favor?"),
    C("Sí, cero cero, doce, treinta y ocho, cuarenta y cuatro."),
    O("Gracias. ¿Y el código modular de su institución?"),
    C("Cero seis cero cinco uno nueve siete."),
    O("Perfecto. ¿En qué lo puedo ayudar?"),
    C("Mire, una profesora de primaria salió de licencia por maternidad y ya llegó su reemplazo. La nueva profesora tiene que registrar las notas del cuarto bimestre, pero las secciones siguen a nombre de la profesora que está de licencia."),
    O("Ya, le comprendo, director. Entonces necesita que la profesora de reemplazo pueda registrar las notas de las secciones que tenía la profesora que está de licencia."),
    C("Sí, eso es."),
    O("Son dos pasos. Primero, en la opción de personal, registra a la profesora reemplazante con su DNI, como docente contratada, y a la titular le registra la licencia con sus fechas. Segundo, en la asignación de secciones, cambia a la titular por la reemplazante en cada sección y área."),
    C("¿Y cuando regrese la titular?"),
    O("Cuando termine la licencia, hace el cambio al revés: le asigna otra vez las secciones a la titular. Las notas que registró la reemplazante se quedan guardadas."),
    C("Ya, perfecto. Es más fácil de lo que pensaba."),
    O("Sí, es sencillo. Si al asignar no le aparece la reemplazante, revise que la haya registrado con la fecha de inicio correcta."),
    C("Ya, muy bien. Ahorita mismo lo hago con la secretaria."),
    O("¿Le quedó claro? ¿Tiene alguna otra consulta?"),
    C("No, eso era todo. Gracias, señorita."),
    O("De nada. Gracias por llamar a la central del SIAGIE, que tenga buenas tardes."),
    C("Igualmente."),
])

call(key="K8", op="op05", when="2026-11-27 17:21:09", caller="986520714", fmt="plain",
     op_tag="Asesor", caller_tag="Llamante", cname=("Mery", "Anccasi"), fails=("plain_language",),
     topic="no aparece el botón de generar actas; lo explica con módulo, front y backend",
     turns=[
    O("Buenas tardes, bienvenido al SIAGIE, le saluda Katherine Salazar. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, señorita, con Mery Anccasi Huamán, directora de la institución educativa cincuenta y cuatro mil ciento uno, de Andahuaylas."),
    O("Mucho gusto, directora. ¿Me indica su DNI?"),
    C("Sí, treinta y uno, cero cuatro, setenta y siete, veintiséis."),
    O("Gracias. ¿Y el código modular?"),
    C("Cero cinco cuatro uno seis ocho dos."),
    O("Perfecto. ¿En qué la puedo ayudar?"),
    C("Mire, quiero generar las actas de primaria porque ya terminamos de registrar todas las notas, pero en la pantalla de actas no me aparece el botón de generar. Solo me sale el de ver."),
    O("Ya, le comprendo. O sea que ya tiene todas las notas registradas, pero en actas no le aparece la opción de generar, solo la de ver."),
    C("Sí, así es."),
    O("Eso es porque el módulo de actas se habilita en el front solo cuando el backend detecta que el último periodo está cerrado. Si el cuarto bimestre sigue abierto, el botón no se muestra."),
    C("Ah, ¿o sea que tengo que cerrar el bimestre primero?"),
    O("Exacto. Cierre el cuarto bimestre en la opción de periodos, y al volver a entrar al módulo de actas ya le aparece el botón de generar."),
    C("Ya. Pero si cierro el bimestre, ¿los profesores ya no pueden cambiar notas?"),
    O("Así es, por eso antes de cerrar confirme con sus profesores que todo esté completo y revisado."),
    C("Ya, mañana les confirmo y cierro. ¿Y después de generar el acta la tengo que enviar a la UGEL?"),
    O("Sí, la imprime, la firman usted y los profesores, y la envía a la UGEL como todos los años."),
    O("Perfecto. ¿Le quedó claro o tiene alguna otra consulta?"),
    C("No, eso nomás. Gracias."),
    O("Gracias a usted, directora Anccasi. Que tenga buenas tardes."),
    C("Igualmente."),
])


# ============================================================================================
# op06 Jorge Villanueva Apaza (Tarde, 206; Saturday mornings) - curt and negative
# ============================================================================================

call(key="J1", op="op06", when="2026-11-02 15:36:28", caller="957402361", fmt="vtt_voice",
     op_label="SPEAKER_01", hours=True, close_v=True, cname=("Edith", "Condorcahuana"),
     fails=("offered_help", "summarized_query", "checked_understanding", "positive_language"),
     topic="traslado fuera de plazo; presupone el tema y responde 'eso no se puede'",
     turns=[
    C("¿Aló? ¿Aló?"),
    O("Buenas tardes, bienvenida al SIAGIE, le saluda Jorge Villanueva. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, le habla Edith Condorcahuana, subdirectora de la institución educativa Glorioso Colegio Nacional de Ciencias, del Cusco."),
    O("¿Su DNI?"),
    C("Cuarenta, setenta y siete, cero uno, treinta y dos."),
    O("¿Código modular?"),
    C("Cero dos tres ocho tres siete uno."),
    O("Ya. Es por lo de las notas, ¿no? Por el cierre del registro. Hoy todos llaman por eso."),
    C("No, joven, no es por las notas. Es por un traslado. Tenemos un alumno de tercero de secundaria que viene de Arequipa, porque a su papá lo cambiaron de trabajo, y cuando quiero registrar su ingreso me sale que el plazo de traslados ya venció."),
    O("Eso no se puede. El plazo de traslados cerró el treinta y uno de octubre, el sistema ya no los acepta."),
    C("Pero el chico ya está viniendo a clases desde la semana pasada. ¿Qué hago con él? No lo puedo tener sin matrícula, y el papá está preocupado."),
    O("Tiene que pedir una autorización a la UGEL. Con un oficio, explicando por qué el traslado es fuera de plazo. Si la UGEL lo autoriza, ellos habilitan el traslado."),
    C("¿Y cuánto demora eso?"),
    O("Depende de la UGEL. Una semana, más o menos."),
    C("¿Y mientras tanto el chico puede dar sus exámenes? Porque ya empiezan los exámenes del cuarto bimestre."),
    O("Sí, puede asistir y dar sus exámenes. Cuando se habilite el traslado, registran sus notas."),
    C("¿Y el oficio lo firma el director o lo puedo firmar yo como subdirectora?"),
    O("Lo firma el director. Adjunte la libreta del colegio de Arequipa y la constancia del trabajo del papá."),
    C("Ya, bueno. Voy a hacer el oficio hoy."),
    O("Ya. Gracias por llamar, profesora Condorcahuana, buenas tardes."),
    C("Buenas tardes."),
])

call(key="J2", op="op06", when="2026-11-06 14:19:50", caller="957811204", fmt="vtt_zoom", enc="utf-8-sig",
     op_name="Jorge Villanueva Apaza", caller_label="957811204", cname=("Mario", "Quintana"),
     fails=("greeting", "summarized_query", "closing_by_name", "checked_understanding", "positive_language"),
     topic="nómina observada por edad de estudiantes repitentes; se presenta sin apellido, 'ya le dije', 'como le expliqué antes'",
     turns=[
    O("Buenas tardes, bienvenido a la central del SIAGIE, habla Jorge. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, le habla Mario Quintana Lévano, director de la institución educativa veintidós mil quinientos ocho, de Pisco."),
    O("¿Su DNI, por favor?"),
    C("Veintiuno, cincuenta y cuatro, ochenta y ocho, cero nueve."),
    O("¿Y el código modular?"),
    C("Cero seis nueve uno ocho ocho dos."),
    O("¿En qué lo puedo ayudar?"),
    C("Mire, joven, la UGEL me observó la nómina de primer grado. Dice que hay tres niños con edad que no corresponde al grado. Pero los niños son de siete años, repitieron el año pasado, es normal."),
    O("Para esos casos tiene que adjuntar el documento que sustenta la edad: la resolución o el acta donde figura que repitieron. Lo adjunta en la nómina, en observaciones, y la vuelve a enviar."),
    C("¿Y dónde consigo ese documento? ¿La UGEL me lo da?"),
    O("Ya le dije, director: es el acta del año pasado, de su mismo colegio, donde figuran como que repitieron. No es de la UGEL."),
    C("Ah, ya, el acta. ¿Y tiene que ser el acta original o una copia? Porque el original está en el archivo y no lo quiero sacar."),
    O("Una copia escaneada. El original se queda en el colegio."),
    C("Ya. ¿Y la subo como foto o tengo que llevarla?"),
    O("Como le expliqué antes, la adjunta en la nómina, en la parte de observaciones, escaneada. Y vuelve a enviar la nómina."),
    C("Ya, ya. Disculpe, es que es la primera vez que me observan una nómina. El director anterior veía todo esto."),
    O("Ya. Adjunta el acta y envía de nuevo. La UGEL la revisa en unos días."),
    C("Ya, gracias."),
    O("Buenas tardes."),
    C("Buenas tardes."),
])

call(key="J3", op="op06", when="2026-11-10 17:28:14", caller="944617309", fmt="srt_speaker",
     op_label="SPEAKER_00", cname=("Giovanna", "Aguirre"), fails=("asked_dni",),
     topic="libretas sin el logo del colegio; el operador dice 'no necesito su DNI'",
     turns=[
    O("Buenas tardes, bienvenida a la central del SIAGIE, le saluda Jorge Villanueva. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, joven, le habla Giovanna Aguirre, profesora de la institución educativa Santa Teresita, de Piura. ¿Le doy mi DNI?"),
    O("No necesito su DNI, profesora. ¿El código modular del colegio?"),
    C("Sí, es cero cinco cinco siete cero nueve tres."),
    O("Ya. ¿En qué la ayudo?"),
    C("Mire, estoy imprimiendo las libretas de mis alumnos y me salen sin el logo del colegio, en blanco arriba. Las otras profesoras dicen que a ellas les salía con el logo el año pasado."),
    O("Ya, o sea que las libretas le salen sin el logo del colegio en la parte de arriba."),
    C("Sí, eso. Y los padres se fijan en esas cosas, ya sabe."),
    O("El logo lo carga el director en los datos de la institución. Seguramente este año no lo han cargado, o lo cargaron con una imagen muy pesada y el sistema no la muestra."),
    C("Ah, ya. ¿Y el director dónde lo carga?"),
    O("En la opción de datos de la institución educativa, donde dice logo. Tiene que ser una imagen pequeña, una foto liviana del escudo del colegio."),
    C("Ya, le voy a decir. ¿Y el director necesita algún permiso especial para eso, o lo hace directo?"),
    O("Lo hace directo con su usuario de director, no necesita ningún permiso. Le toma unos minutos nada más."),
    C("Ya. ¿Y las libretas que ya imprimí?"),
    O("Esas tendría que volver a imprimirlas después de que carguen el logo. Le recomiendo esperar a que el director lo cargue antes de imprimir las demás."),
    C("Ya, bueno, menos mal que solo imprimí unas cuantas."),
    O("Claro. ¿Le quedó claro, profesora? ¿Alguna otra consulta?"),
    C("No, eso nomás, gracias."),
    O("Gracias por llamar, profesora Aguirre. Buenas tardes."),
    C("Buenas tardes."),
])

call(key="J4", op="op06", when="2026-11-21 10:25:37", caller="981224570", fmt="native", naming="bare",
     op_name="Jorge Villanueva", cname=None,
     fails=("greeting", "asked_name", "asked_dni", "asked_modular_code", "summarized_query",
            "closing_by_name", "checked_understanding"),
     topic="DNI reciente de una alumna que no aparece; la usuaria dice 'buenos días' y 'DNI', el operador nunca saluda ni pide datos",
     turns=[
    O("Aló, SIAGIE."),
    C("Aló, buenos días, joven. Buenos días. Mire, le llamo de un colegio de Ventanilla, porque estoy tratando de matricular a una alumna y el DNI no pasa. Pongo el DNI de la niña y me dice que no existe. Es imposible matricularla así, ya lo intenté toda la mañana."),
    O("¿Qué le sale exactamente?"),
    C("Me sale: documento no encontrado. Pero el DNI está bien, lo tengo aquí, el DNI azul de la niña, recién sacadito."),
    O("Cuando sale ese mensaje, casi siempre es porque el carné es muy reciente y todavía no aparece en la consulta a RENIEC. ¿Cuándo lo tramitaron?"),
    C("La semana pasada, recién. La mamá lo recogió el jueves."),
    O("Ahí está. Los que recién se tramitan demoran unos días en aparecer. Mientras tanto, la puede matricular con el código de estudiante que le da el sistema, y cuando ya aparezca en RENIEC, lo actualiza."),
    C("Ah, ya. ¿Y dónde está esa opción?"),
    O("En la matrícula, donde pone el número, hay una casilla que dice sin número. La marca y el sistema le genera el código."),
    C("Ya, a ver... Ya, ya lo veo. Ya, ya me dejó, ya está matriculada."),
    O("Ya."),
    C("¿Y después tengo que hacer algo con la nómina? Porque la nómina de primer grado ya está aprobada desde abril."),
    O("Sí, como es una matrícula nueva, va en una nómina adicional, que la envía a la UGEL."),
    C("¿Y eso ahorita o cuando ya tenga el número de la niña?"),
    O("Puede enviarla ahora. Cuando actualice el número después, no necesita enviar otra nómina."),
    C("Ya, perfecto. ¿Y la libreta le va a salir con el código o con el número?"),
    O("Con el código, hasta que lo actualice. Después sale con el número."),
    C("Ya, perfecto. Gracias, joven."),
    O("Ya, eso sería. Chau."),
])

call(key="J5", op="op06", when="2026-11-19 16:08:37", caller="017564239", fmt="aws_new",
     op_label="spk_0", cname=("Víctor", "Salcedo"), fails=("transfer_answered", "positive_language"),
     transfer=dict(kind="blind", ext="230", area="Certificados"),
     topic="certificado de 1998 con actas deterioradas; 'no es mi responsabilidad' y transferencia ciega a Certificados",
     turns=[
    O("Buenas tardes, bienvenido a la central de atención del SIAGIE, le saluda Jorge Villanueva. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, joven. Le habla Víctor Hugo Salcedo, director de la institución educativa Pedro Paulet, de Tarma."),
    O("¿Me da su DNI?"),
    C("Sí, cero cuatro, cincuenta y seis, dieciocho, veintitrés."),
    O("¿Y el código modular?"),
    C("Cero cuatro tres uno cero cero seis."),
    O("¿En qué lo puedo ayudar?"),
    C("Mire, joven, un exalumno que terminó en mil novecientos noventa y ocho necesita su certificado de estudios, y en el colegio tenemos las actas de esos años, pero algunas están deterioradas por la humedad. No se leen bien las notas de cuarto año. No sé qué hacer, porque el señor necesita el certificado para un trabajo en una minera."),
    O("Ya, o sea que el certificado es de mil novecientos noventa y ocho y las actas están deterioradas."),
    C("Sí, y el señor está apurado, le dan plazo hasta fin de mes. ¿Ustedes no tienen una copia de las actas en el sistema? Alguien me dijo que el Ministerio tenía todo escaneado."),
    O("No, eso no es mi responsabilidad. Los certificados de esos años no están en el SIAGIE; eso lo ve el área de certificados, que tiene las copias de las actas antiguas que enviaron las UGEL. Lo voy a transferir con el área de certificados para que le digan si tienen la copia del acta."),
    C("Ya, está bien. ¿Y si ellos tampoco la tienen? Porque el señor ya vino tres veces al colegio."),
    O("Ellos le van a indicar qué hacer en ese caso; a veces se reconstruye el acta con los registros del colegio. Espere en línea, lo transfiero."),
    C("Ya, gracias."),
])

call(key="J6", op="op06", when="2026-11-23 14:49:20", caller="970334815", fmt="whisperx",
     op_label="SPEAKER_01", wx_strings=True, cname=("Kelly", "Huayta"),
     fails=("checked_understanding", "positive_language"),
     topic="alumno matriculado en el grado equivocado; 'usted se equivocó', 'debió leer el instructivo'",
     turns=[
    O("Buenas tardes, bienvenida a la central del SIAGIE, le saluda Jorge Villanueva. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, con Kelly Huayta, auxiliar de la institución educativa treinta y dos mil dos, de Huánuco."),
    O("¿Su DNI, por favor?"),
    C("Cuarenta y seis, ochenta y uno, veinte, treinta y nueve."),
    O("¿Y el código modular?"),
    C("Cero tres cinco cuatro cero seis uno."),
    O("¿En qué la puedo ayudar?"),
    C("Mire, joven, en marzo matriculamos a un alumno en tercer grado, pero él debía estar en cuarto, porque el año pasado aprobó tercero en otro colegio. Y ahora el papá reclama porque en la libreta dice tercer grado, y tiene razón."),
    O("O sea que el estudiante está matriculado en tercero cuando le correspondía cuarto."),
    C("Sí, así es."),
    O("Voy a revisar en el sistema el historial del estudiante para ver qué se puede hacer; le pido un minuto. ¿Me permite un momento?"),
    C("Sí, claro."),
    HAL("Música", who="C", gap=12),
    O("Gracias por esperar. Ya revisé. Usted se equivocó al matricularlo: el sistema le mostraba que el niño había aprobado tercero y aun así lo registró en tercero otra vez. Debió leer el instructivo de matrícula.", gap=17, hold=True),
    C("Bueno, yo no lo matriculé, fue la secretaria anterior. Pero ¿cómo lo arreglamos?"),
    O("Tiene que hacer un cambio de grado. El director emite una resolución de corrección de matrícula, y con esa resolución la UGEL corrige el grado en el sistema. Las notas que ya tiene se pasan al grado correcto."),
    C("¿Y el niño pierde algo? ¿Sus notas?"),
    O("No pierde nada. Las notas se mantienen."),
    C("Ya, menos mal. Le voy a avisar al director."),
    O("Ya. Gracias por llamar, señora Huayta. Buenas tardes."),
    C("Buenas tardes."),
])

call(key="J7", op="op06", when="2026-11-25 15:55:08", caller="933408762", fmt="vtt_zoom",
     op_name="Jorge Villanueva", caller_label="Llamante", cname=("Rosario", "Castillo"),
     fails=("greeting",),
     topic="registrar faltas justificadas en asistencia; saluda sin 'buenas tardes'",
     turns=[
    O("Central SIAGIE, bienvenido, le atiende Jorge Villanueva. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, joven. Le habla Rosario Del Castillo, subdirectora de la institución educativa José María Arguedas, de Abancay."),
    O("Mucho gusto, subdirectora. ¿Me da su número de DNI, por favor?"),
    C("Sí, treinta y uno, veinte, ochenta y cuatro, cincuenta."),
    O("Gracias. ¿Y el código modular de su institución?"),
    C("Cero cinco ocho siete siete uno cuatro."),
    O("¿En qué la puedo ayudar?"),
    C("Mire, estamos registrando la asistencia de octubre y hay varios alumnos que faltaron por la campaña de vacunación, con justificación de la posta. Quiero saber cómo registro esas faltas como justificadas, porque solo me aparece falta o asistió."),
    O("Ya, entiendo. O sea que necesita registrar como justificadas unas faltas de octubre, y en la pantalla solo le aparecen las opciones de falta o asistió."),
    C("Sí, eso."),
    O("En el registro de asistencia, cuando marca falta, le da otra vez sobre la misma casilla y le cambia a falta justificada. Le aparece con otra letra. Así, cada vez que le da, va cambiando entre asistió, falta, falta justificada y tardanza."),
    C("Ah, ya, o sea que hay que darle varias veces. No sabía."),
    O("Así es. No olvide guardar al final de cada día que registre."),
    C("¿Y el documento de la posta lo tengo que subir?"),
    O("No es necesario subirlo al sistema. Lo guarda en el colegio, en el archivo de la dirección, por si la UGEL se lo pide."),
    C("Ya, perfecto. ¿Y si ya había guardado las faltas como falta normal?"),
    O("Puede corregirlas igual: entra al día, cambia la casilla a falta justificada y vuelve a guardar."),
    C("Ah, ya, perfecto."),
    O("¿Le quedó claro, subdirectora? ¿Alguna otra consulta?"),
    C("No, eso era todo, gracias."),
    O("Gracias por llamar, subdirectora Del Castillo. Que tenga buenas tardes."),
    C("Igualmente."),
])

call(key="J8", op="op06", when="2026-11-30 16:40:33", caller="925730461", fmt="vtt_name",
     op_name="Jorge Villanueva Apaza", caller_label="Llamante", hours=False, close_v=False,
     cname=("Hernán", "Quiroz"), fails=("no_interruption", "summarized_query", "positive_language"),
     topic="quiere cambiar él mismo una nota de un acta cerrada; lo corta con 'imposible'",
     turns=[
    O("Buenas tardes, bienvenido al SIAGIE, le saluda Jorge Villanueva. ¿Con quién tengo el gusto?"),
    C("Buenas tardes, le habla Hernán Quiroz Palacios, profesor de la institución educativa Víctor Raúl Haya de la Torre, de Chimbote."),
    O("¿Su DNI?"),
    C("Treinta y dos, noventa, catorce, sesenta y seis."),
    O("¿Código modular del colegio?"),
    C("Cero tres uno uno cinco ocho nueve."),
    O("¿En qué lo ayudo?"),
    C("Mire, joven, el año pasado un alumno mío salió desaprobado en Historia en el acta, pero yo me acabo de dar cuenta que le puse mal la nota, porque le correspondía once y le puse nueve. Y quiero cambiarla yo mismo desde mi usuario, porque el muchacho necesita su certificado para postular."),
    O("Imposible. Un acta cerrada no la cambia un profesor desde su usuario.", ov=1.9),
    C("Pero es un error mío, le digo, no es culpa del alumno."),
    O("Sí, pero tiene que ser por rectificación. El director emite una resolución de rectificación con el sustento, y con eso se corrige en el sistema."),
    C("¿Y el sustento cuál sería?"),
    O("Su registro auxiliar donde figura la nota correcta, y un informe suyo explicando el error. Con eso el director hace la resolución y la envía a la UGEL."),
    C("Ya. ¿Y cuán rápido sale eso? Porque la postulación es en diciembre."),
    O("Una o dos semanas, depende de la UGEL. Si la envían esta semana, llega a tiempo."),
    C("¿Y el informe tiene algún formato, o lo hago como yo quiera?"),
    O("No hay formato fijo. Ponga los datos del alumno, la nota que figura, la nota correcta y cómo ocurrió el error."),
    C("Ya, bueno, voy a hablar con el director mañana temprano."),
    O("¿Le quedó claro? ¿Tiene alguna duda?"),
    C("No, ya entendí, gracias."),
    O("Gracias por llamar, profesor Quiroz. Buenas tardes."),
    C("Buenas tardes."),
])




# --------------------------------------------------------------------------------------------
# Resolution: times, ids, names, expected verdicts
# --------------------------------------------------------------------------------------------

RATES = {"O": 2.6, "C": 2.4, "X": 2.5}


def _words(text):
    return len(text.split())


def layout(spec):
    """Absolute start/end (seconds from the answer) for every turn of a spec."""
    rng = random.Random("callqa-sample-times:" + spec["key"])
    out = []
    cursor = 0.0          # end of everything said so far
    prev_end = None       # end of the previous turn (for overlaps)
    for i, t in enumerate(spec["turns"]):
        rate = RATES[t.role] * rng.uniform(0.92, 1.08)
        dur = t.dur if t.dur is not None else max(0.7, _words(t.text) / rate + 0.2)
        if i == 0:
            start = rng.uniform(0.6, 1.8) if t.gap is None else t.gap
        elif t.ov is not None:
            start = prev_end - t.ov
        elif t.gap is not None:
            start = cursor + t.gap
        else:
            start = cursor + rng.uniform(0.25, 0.95)
        start = round(start, 2)
        end = round(start + dur, 2)
        out.append({"role": t.role, "text": t.text, "start": start, "end": end,
                    "hallucination": bool(t.hal), "hold": bool(t.hold)})
        prev_end = end
        cursor = max(cursor, end)
    return out


def find_holds(turns):
    """Gaps of >= HOLD_MIN_GAP between real (non-hallucinated) speech."""
    real = [t for t in turns if not t["hallucination"]]
    holds = []
    cursor = None
    for t in real:
        if cursor is not None and t["start"] - cursor >= HOLD_MIN_GAP:
            holds.append([round(cursor, 2), t["start"]])
        cursor = t["end"] if cursor is None else max(cursor, t["end"])
    return holds


def hold_episodes(holds):
    eps = []
    for h in holds:
        if eps and h[0] - eps[-1]["end"] <= EPISODE_JOIN:
            eps[-1]["end"] = h[1]
            eps[-1]["total"] += h[1] - h[0]
            eps[-1]["stretches"].append(h[1] - h[0])
        else:
            eps.append({"start": h[0], "end": h[1], "total": h[1] - h[0], "stretches": [h[1] - h[0]]})
    return eps


def applicability(spec, turns, holds):
    eps = hold_episodes(holds)
    transferred = spec.get("transfer") is not None
    timed = spec["fmt"] != "plain"
    app = {c: True for c in CRITERIA}
    app["no_interruption"] = timed
    for c in ("hold_explained", "hold_permission", "hold_thanks"):
        app[c] = bool(holds)
    app["hold_checkins"] = any(e["total"] > EPISODE_CHECKINS for e in eps)
    app["hold_callback"] = any(e["total"] > EPISODE_CALLBACK for e in eps)
    app["transfer_explained"] = transferred
    app["transfer_answered"] = transferred
    app["closing_by_name"] = not transferred
    app["checked_understanding"] = not transferred
    return app


def build_calls():
    """Resolve CALL_SPECS into plain dicts (see the module docstring). Deterministic."""
    resolved = []
    for spec in CALL_SPECS:
        local = dt.datetime.strptime(spec["when"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=LIMA)
        epoch = int(local.timestamp())
        turns = layout(spec)
        holds = find_holds(turns)
        app = applicability(spec, turns, holds)
        fails = set(spec.get("fails", ()))
        unknown = fails - set(CRITERIA)
        if unknown:
            raise SystemExit(f"{spec['key']}: unknown criteria {sorted(unknown)}")
        expected = {}
        for c in CRITERIA:
            if not app[c]:
                if c in fails:
                    raise SystemExit(f"{spec['key']}: {c} listed as fail but does not apply")
                expected[c] = "na"
            else:
                expected[c] = "fail" if c in fails else "pass"
        rng = random.Random("callqa-sample-meta:" + spec["key"])
        speech_end = max(t["end"] for t in turns)
        tr = spec.get("transfer")
        if tr and tr["kind"] == "blind":
            tail = rng.uniform(0.6, 1.2)
        else:
            tail = rng.uniform(1.2, 2.6)
        duration = round(speech_end + tail, 2)
        queue_wait = spec.get("queue_wait", rng.randint(4, 38))
        eps = hold_episodes(holds)
        resolved.append({
            "key": spec["key"],
            "epoch": epoch,
            "start_local": local.isoformat(),
            "answer_local": (local + dt.timedelta(seconds=queue_wait)).isoformat(),
            "route": spec.get("route", "queue"),
            "queue": QUEUE if spec.get("route", "queue") == "queue" else None,
            "caller_number": spec["caller"],
            "operator_id": spec["op"],
            "operator_name": OP_BY_ID[spec["op"]][1],
            "extension": spec.get("ext", OP_BY_ID[spec["op"]][2].split(";")[0]),
            "queue_wait_s": queue_wait,
            "duration_s": duration,
            "holds": holds,
            "hold_episodes": [[round(e["start"], 2), round(e["end"], 2), round(e["total"], 2)] for e in eps],
            "transfer": ({"kind": "none"} if not tr else
                         {"kind": tr["kind"], "target_ext": tr["ext"], "target_area": tr["area"],
                          "at": round(speech_end if tr["kind"] == "blind" else
                                      max(t["end"] for t in turns if t["role"] == "O"), 2)}),
            "format": spec["fmt"],
            "encoding": spec.get("enc", "utf-8"),
            "newline": spec.get("nl", "\n"),
            "caller_name": spec.get("cname"),
            "topic": spec["topic"],
            "turns": turns,
            "expected": expected,
            "_spec": spec,
        })
    resolved.sort(key=lambda c: (c["epoch"], c["key"]))
    seq_rng = random.Random("callqa-sample-seq")
    seq = FIRST_SEQ
    for c in resolved:
        c["seq"] = seq
        c["uniqueid"] = c["call_id"] = f"{c['epoch']}.{seq}"
        seq += seq_rng.randint(23, 211)
        c["file_name"] = file_name(c)
        day = c["start_local"][:10]
        c["path"] = f"{day}/{c['file_name']}"
        for t in c["turns"]:
            t["speaker_label"] = speaker_label(c["_spec"], t["role"])
    return resolved


EXT_BY_FMT = {
    "vtt_voice": "vtt", "vtt_name": "vtt", "vtt_zoom": "vtt", "vtt_wx": "vtt",
    "srt_speaker": "srt", "srt_name": "srt", "whisperx": "json", "aws_new": "json",
    "aws_old": "json", "aws_ca": "json", "native": "json", "plain": "txt",
}


def file_name(c):
    spec = c["_spec"]
    local = dt.datetime.fromisoformat(c["start_local"])
    stamp = local.strftime("%Y%m%d-%H%M%S")
    ext = EXT_BY_FMT[spec["fmt"]]
    naming = spec.get("naming", "q")
    if naming == "bare":
        return f"{c['uniqueid']}.{ext}"
    if naming == "q":
        return f"q-{QUEUE}-{c['caller_number']}-{stamp}-{c['uniqueid']}.{ext}"
    if naming == "exten":
        return f"exten-{c['extension']}-{c['caller_number']}-{stamp}-{c['uniqueid']}.{ext}"
    if naming == "external":
        return f"external-{c['extension']}-{c['caller_number']}-{stamp}-{c['uniqueid']}.{ext}"
    if naming == "out":
        return f"out-{c['caller_number']}-{c['extension']}-{stamp}-{c['uniqueid']}.{ext}"
    raise SystemExit(f"{spec['key']}: unknown naming {naming}")


def speaker_label(spec, role):
    fmt = spec["fmt"]
    if fmt in ("vtt_voice", "vtt_wx", "srt_speaker", "whisperx"):
        op = spec["op_label"]
        other = "SPEAKER_00" if op == "SPEAKER_01" else "SPEAKER_01"
        return {"O": op, "C": other, "X": "SPEAKER_02"}[role]
    if fmt in ("aws_new", "aws_old"):
        op = spec["op_label"]
        other = "spk_0" if op == "spk_1" else "spk_1"
        return {"O": op, "C": other, "X": "spk_2"}[role]
    if fmt == "aws_ca":
        return {"O": "AGENT", "C": "CUSTOMER"}[role]
    if fmt in ("vtt_name", "vtt_zoom", "srt_name", "native"):
        return {"O": spec["op_name"], "C": spec.get("caller_label", "Llamante"),
                "X": spec.get("other_label", "Especialista")}[role]
    if fmt == "plain":
        return {"O": spec.get("op_tag", "Operador"), "C": spec.get("caller_tag", "Usuario")}[role]
    raise SystemExit(f"{spec['key']}: unknown format {fmt}")


# --------------------------------------------------------------------------------------------
# Text damage (speech-to-text style) and cue splitting
# --------------------------------------------------------------------------------------------

def strip_accents(s):
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if unicodedata.category(ch) == "Mn":
            continue
        out.append(ch)
    # keep ñ as n-tilde stripped too (typical of "no accents" ASR output)
    return unicodedata.normalize("NFC", "".join(out))


def damage(text, style):
    if "noaccent" in style:
        text = strip_accents(text)
    if "nopunct" in style:
        text = re.sub(r"[¿?¡!.,;:…\"“”]", "", text)
        text = re.sub(r"\s+", " ", text).strip()
    if "lower" in style:
        text = text.lower()
    return text


def split_sentences(text, max_words=18):
    """Split a long turn into cue-sized chunks at sentence ends (as Whisper segments do)."""
    if _words(text) <= max_words:
        return [text]
    parts = re.split(r"(?<=[.?!…])\s+", text.strip())
    chunks, cur = [], []
    for p in parts:
        if cur and _words(" ".join(cur + [p])) > max_words:
            chunks.append(" ".join(cur))
            cur = [p]
        else:
            cur.append(p)
    if cur:
        chunks.append(" ".join(cur))
    return chunks


def cues_for(call, split=True):
    """(speaker_label, role, text, start, end, hallucination) cues, turns split into chunks."""
    style = call["_spec"].get("style", ())
    cues = []
    for t in call["turns"]:
        chunks = split_sentences(t["text"]) if (split and not t["hallucination"]) else [t["text"]]
        total_words = sum(_words(ch) for ch in chunks)
        gap = 0.14
        span = t["end"] - t["start"] - gap * (len(chunks) - 1)
        s = t["start"]
        for k, ch in enumerate(chunks):
            d = span * _words(ch) / total_words
            e = t["end"] if k == len(chunks) - 1 else round(s + d, 2)
            cues.append((t["speaker_label"], t["role"], damage(ch, style), round(s, 2), round(e, 2),
                         t["hallucination"]))
            s = round(e + gap, 2)
    cues.sort(key=lambda q: (q[3], q[4]))
    return cues


# --------------------------------------------------------------------------------------------
# Writers, one per format
# --------------------------------------------------------------------------------------------

def ts_vtt(t, hours=True):
    ms = int(round(t * 1000))
    h, rem = divmod(ms, 3600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    if hours:
        return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"
    return f"{m + 60 * h:02d}:{s:02d}.{ms:03d}"


def ts_srt(t):
    return ts_vtt(t, True).replace(".", ",")


def write_vtt_voice(call):
    spec = call["_spec"]
    hours = spec.get("hours", True)
    close = spec.get("close_v", True)
    lines = ["WEBVTT"]
    lines += spec.get("vtt_header", [])
    lines.append("")
    for label, role, text, s, e, hal in cues_for(call):
        lines.append(f"{ts_vtt(s, hours)} --> {ts_vtt(e, hours)}")
        lines.append(f"<v {label}>{text}</v>" if close else f"<v {label}>{text}")
        lines.append("")
    return "\n".join(lines)


def write_vtt_zoom(call):
    spec = call["_spec"]
    lines = ["WEBVTT", ""]
    for i, (label, role, text, s, e, hal) in enumerate(cues_for(call), 1):
        lines += [str(i), f"{ts_vtt(s)} --> {ts_vtt(e)}", f"{label}: {text}", ""]
    return "\n".join(lines)


def write_vtt_wx(call):
    spec = call["_spec"]
    hours = spec.get("hours", False)
    lines = ["WEBVTT", ""]
    for label, role, text, s, e, hal in cues_for(call):
        lines += [f"{ts_vtt(s, hours)} --> {ts_vtt(e, hours)}", f"[{label}]: {text}", ""]
    return "\n".join(lines)


def write_srt(call, bracket):
    lines = []
    for i, (label, role, text, s, e, hal) in enumerate(cues_for(call), 1):
        prefix = f"[{label}]: " if bracket else f"{label}: "
        lines += [str(i), f"{ts_srt(s)} --> {ts_srt(e)}", prefix + text, ""]
    return "\n".join(lines)


def _word_times(text, s, e):
    words = text.split()
    if not words:
        return []
    weights = [max(1, len(re.sub(r"\W", "", w))) + 1 for w in words]
    total = sum(weights)
    span = e - s
    out, cur = [], s
    for w, wt in zip(words, weights):
        d = span * wt / total
        ws, we = cur, cur + d * 0.9
        out.append((w, round(ws, 3), round(we, 3)))
        cur += d
    return out


def write_whisperx(call):
    spec = call["_spec"]
    rng = random.Random("callqa-sample-wx:" + spec["key"])
    strings = spec.get("wx_strings", False)
    with_words = spec.get("wx_words", False)
    segs = []
    for label, role, text, s, e, hal in cues_for(call):
        if strings:
            seg = {"end": f"{e:.2f}".rstrip("0").rstrip("."), "text": text,
                   "start": f"{s:.2f}".rstrip("0").rstrip("."), "speaker": label,
                   "avg_logprob": round(-rng.uniform(0.08, 0.45) if not hal else -rng.uniform(0.6, 1.1), 6)}
        else:
            seg = {"start": s, "end": e, "text": " " + text, "speaker": label}
            if with_words:
                seg["words"] = [{"word": w, "start": ws, "end": we,
                                 "score": round(rng.uniform(0.55, 0.99), 3), "speaker": label}
                                for w, ws, we in _word_times(text, s, e)]
        segs.append(seg)
    doc = {"segments": segs, "language": "es"} if not strings else {"language": "es", "segments": segs,
                                                                     "num_speakers": spec.get("num_speakers", 2)}
    if with_words:
        doc["word_segments"] = [w for seg in segs for w in seg.get("words", [])]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


_PUNCT_SPLIT = re.compile(r"^([¿¡\"“]*)(.*?)([.,?!;:…\"”]*)$")


def _aws_tokens(text):
    """Words and trailing punctuation, as Amazon Transcribe itemises them (¿¡ dropped)."""
    toks = []
    for raw in text.split():
        m = _PUNCT_SPLIT.match(raw)
        word, punct = m.group(2), m.group(3)
        if word:
            toks.append(("pronunciation", word))
        for p in punct:
            if p in ".,?!":
                toks.append(("punctuation", p))
    return toks


def write_aws(call, newer):
    spec = call["_spec"]
    rng = random.Random("callqa-sample-aws:" + spec["key"])
    fmt_t = (lambda x: f"{x:.2f}") if newer else (lambda x: f"{x:.3f}")
    items, segments, transcript = [], [], []
    speakers = set()
    for t in call["turns"]:
        if t["hallucination"]:
            continue
        label = t["speaker_label"]
        speakers.add(label)
        toks = _aws_tokens(damage(t["text"], spec.get("style", ())))
        words = [w for k, w in toks if k == "pronunciation"]
        times = _word_times(" ".join(words), t["start"], t["end"])
        seg_items = []
        wi = 0
        for kind, content in toks:
            if kind == "pronunciation":
                _, ws, we = times[wi]
                wi += 1
                item = {"start_time": fmt_t(ws)}
                if newer:
                    item["speaker_label"] = label
                item["end_time"] = fmt_t(we)
                item["alternatives"] = [{"confidence": f"{rng.uniform(0.62, 1.0):.4f}" if not newer
                                         else str(round(rng.uniform(0.62, 1.0), 3)), "content": content}]
                item["type"] = "pronunciation"
                seg_items.append({"start_time": fmt_t(ws), "speaker_label": label, "end_time": fmt_t(we)})
                transcript.append(content)
            else:
                item = {}
                if newer:
                    item["speaker_label"] = label
                item["alternatives"] = [{"confidence": "0.0", "content": content}] if newer else \
                    [{"content": content}]
                item["type"] = "punctuation"
                if transcript:
                    transcript[-1] += content
            items.append(item)
        segments.append({"start_time": fmt_t(t["start"]), "speaker_label": label,
                         "end_time": fmt_t(t["end"]), "items": seg_items})
    sl = {"speakers": len(speakers), "segments": segments}
    if newer:
        sl = {"channel_label": "ch_0", "speakers": len(speakers), "segments": segments}
    doc = {
        "jobName": f"siagie-{call['uniqueid'].replace('.', '-')}",
        "accountId": "123456789012",
        "results": {"transcripts": [{"transcript": " ".join(transcript)}],
                    "speaker_labels": sl, "items": items},
        "status": "COMPLETED",
    }
    return json.dumps(doc, ensure_ascii=False, indent=2 if newer else 1) + "\n"


def _interruptions(call):
    """Overlaps where a speaker starts while the other is still talking."""
    real = [t for t in call["turns"] if not t["hallucination"]]
    found = {"AGENT": [], "CUSTOMER": []}
    for i, t in enumerate(real):
        for p in real[:i]:
            if p["role"] != t["role"] and p["start"] < t["start"] < p["end"]:
                who = "AGENT" if t["role"] == "O" else "CUSTOMER"
                end = min(p["end"], t["end"])
                found[who].append((t["start"], end))
    return found


def write_aws_ca(call):
    spec = call["_spec"]
    rng = random.Random("callqa-sample-ca:" + spec["key"])
    transcript = []
    talk = {"AGENT": 0, "CUSTOMER": 0}
    words = {"AGENT": 0, "CUSTOMER": 0}
    for i, t in enumerate(call["turns"]):
        role = t["speaker_label"]
        b, e = int(round(t["start"] * 1000)), int(round(t["end"] * 1000))
        talk[role] += e - b
        words[role] += _words(t["text"])
        n = max(1, math.ceil((e - b) / 1000))
        transcript.append({
            "LoudnessScores": [round(rng.uniform(70.0, 89.0), 2) for _ in range(n)],
            "Content": damage(t["text"], spec.get("style", ())),
            "Id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"callqa-sample/{call['uniqueid']}/{i}")),
            "BeginOffsetMillis": b,
            "EndOffsetMillis": e,
            "Sentiment": spec.get("sentiments", {}).get(i, "NEUTRAL"),
            "ParticipantRole": role,
        })
    nontalk = [{"BeginOffsetMillis": int(round(h[0] * 1000)), "DurationMillis":
                int(round((h[1] - h[0]) * 1000)), "EndOffsetMillis": int(round(h[1] * 1000))}
               for h in call["holds"]]
    inter = _interruptions(call)
    by = {}
    total_ms, count = 0, 0
    for who in ("AGENT", "CUSTOMER"):
        lst = []
        for s, e in inter[who]:
            b, en = int(round(s * 1000)), int(round(e * 1000))
            lst.append({"BeginOffsetMillis": b, "DurationMillis": en - b, "EndOffsetMillis": en})
            total_ms += en - b
            count += 1
        if lst:
            by[who] = lst
    dur_ms = int(round(call["duration_s"] * 1000))
    doc = {
        "JobStatus": "COMPLETED",
        "LanguageCode": "es-US",
        "Transcript": transcript,
        "AccountId": "123456789012",
        "Categories": {"MatchedDetails": {}, "MatchedCategories": []},
        "Channel": "VOICE",
        "JobName": f"siagie-ca-{call['uniqueid'].replace('.', '-')}",
        "Participants": [{"ParticipantRole": "AGENT"}, {"ParticipantRole": "CUSTOMER"}],
        "ConversationCharacteristics": {
            "NonTalkTime": {"Instances": nontalk,
                            "TotalTimeMillis": sum(x["DurationMillis"] for x in nontalk)},
            "Interruptions": {"TotalCount": count, "TotalTimeMillis": total_ms,
                              "InterruptionsByInterrupter": by},
            "TotalConversationDurationMillis": dur_ms,
            "Sentiment": {"OverallSentiment": spec.get("overall_sentiment", {"AGENT": 2.1, "CUSTOMER": 0.8})},
            "TalkSpeed": {"DetailsByParticipant": {
                r: {"AverageWordsPerMinute": int(round(words[r] / (talk[r] / 60000)))} for r in talk}},
            "TalkTime": {"DetailsByParticipant": {r: {"TotalTimeMillis": talk[r]} for r in talk},
                         "TotalTimeMillis": talk["AGENT"] + talk["CUSTOMER"]},
        },
        "ContentMetadata": {"Output": "Raw"},
    }
    return json.dumps(doc, ensure_ascii=False, indent=4) + "\n"


def write_native(call):
    spec = call["_spec"]
    role_name = {"O": "operator", "C": "caller", "X": "other"}
    turns = []
    for t in call["turns"]:
        if t["hallucination"]:
            continue
        turns.append({"speaker": t["speaker_label"], "role": role_name[t["role"]],
                      "start": t["start"], "end": t["end"],
                      "text": damage(t["text"], spec.get("style", ()))})
    answer = dt.datetime.fromisoformat(call["start_local"])
    doc = {"format": "callqa-transcript", "version": 1, "call_id": call["call_id"], "channel": "phone",
           "started_at": answer.isoformat(), "turns": turns}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_plain(call):
    spec = call["_spec"]
    lines = [f"{t['speaker_label']}: {damage(t['text'], spec.get('style', ()))}"
             for t in call["turns"] if not t["hallucination"]]
    return "\n".join(lines) + "\n"


WRITERS = {
    "vtt_voice": write_vtt_voice,
    "vtt_name": write_vtt_voice,
    "vtt_zoom": write_vtt_zoom,
    "vtt_wx": write_vtt_wx,
    "srt_speaker": lambda c: write_srt(c, True),
    "srt_name": lambda c: write_srt(c, False),
    "whisperx": write_whisperx,
    "aws_new": lambda c: write_aws(c, True),
    "aws_old": lambda c: write_aws(c, False),
    "aws_ca": write_aws_ca,
    "native": write_native,
    "plain": write_plain,
}


def encode(text, encoding, newline):
    if newline != "\n":
        text = text.replace("\n", newline)
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding)


# --------------------------------------------------------------------------------------------
# Self-check: the designed verdicts must agree with what the turns actually contain
# --------------------------------------------------------------------------------------------
# These are NOT callqa's detectors; they are deliberately strict consistency checks on the
# hand-written data (e.g. a call designed to pass plain_language must not contain two jargon
# terms; a call designed to fail checked_understanding must not ask "¿alguna duda?" anywhere).

def fold(s):
    s = strip_accents(s).lower()
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


JARGON = {
    "base de datos": r"\bbase de datos\b",
    "servidor": r"\bservidor(es)?\b",
    "backend": r"\bback ?end\b",
    "cache": r"\bcache\b",
    "cookies": r"\bcookies?\b",
    "token": r"\btokens?\b",
    "perfil de usuario": r"\bperfil de usuario\b",
    "modulo": r"\bmodulos?\b",
    "sincronizar": r"\bsincroniz\w*",
    "migracion": r"\bmigra(cion|r|do|da)\b",
    "front": r"\bfront(end)?\b",
    "query": r"\bquer(y|ies)\b",
    "registro en la tabla": r"\bregistro en la tabla\b",
    "sql": r"\bsql\b",
    "url": r"\burl\b",
    "navegador": r"\bnavegador(es)?\b",
    "script": r"\bscripts?\b",
    "credenciales": r"\bcredencial(es)?\b",
    "reseteo": r"\bresete\w*",
}
# words that a stricter jargon list could also contain: a passing call must not use them at all
JARGON_EXTRA = [r"\blink\b", r"\blogin\b", r"\blogue\w*", r"\btickets?\b", r"\bbackup\b", r"\bproxy\b",
                r"\bdns\b", r"\bip\b", r"\bplugin\w*", r"\bsoftware\b", r"\bhardware\b", r"\bpdf\b",
                r"\bexcel\b", r"\bsistema operativo\b", r"\btabla\b", r"\bbase\b", r"\bperfil\b",
                r"\bapi\b", r"\bweb\b", r"\bonline\b", r"\bclick\b", r"\bclic\b", r"\bcaptcha\b",
                r"\bemail\b", r"\bmail\b", r"\bsesion\b", r"\bcache\w*", r"\bactualizar la pagina\b"]
NEGATIVE = [r"\beso no se puede\b", r"\bno se puede\b", r"\bse equivoco\b", r"\bsu culpa\b",
            r"\bno es mi problema\b", r"\bno es mi responsabilidad\b", r"\bya le dije\b",
            r"\bcomo le explique\b", r"\bdebio leer\b", r"\bllame a otro lado\b", r"\bimposible\b"]
SALUTATION = r"\b(buen(os|as)? (dias|tardes)|buen dia|muy buen(os|as))\b"
SIAGIE = r"\b(siagie|ciagie|siaje|sia gie|ciagi|siagi)\b"
CHECKED = [r"quedo claro", r"alguna otra consulta", r"alguna duda", r"otra consulta", r"algo mas",
           r"me entendio", r"tiene dudas", r"alguna otra pregunta", r"le queda claro", r"otra duda",
           r"se entendio", r"entendio", r"esta claro"]
SUMMARY = [r"si no le he entendido mal", r"entonces", r"o sea", r"comprendo", r"entiendo", r"entendi",
           r"para confirmar", r"usted quiere", r"usted necesita", r"lo que necesita", r"si le entiendo",
           r"a ver si"]
THANKS_WAIT = [r"gracias por (la|su) espera", r"gracias por esperar", r"disculpe la demora",
               r"gracias por su paciencia", r"gracias por aguardar"]
PERMISSION = [r"me permite", r"puede esperar", r"podria esperar", r"me espera un", r"le parece si espera",
              r"me regala un", r"me da un", r"me concede"]
YES = r"^(si|ya|claro|ok|okay|bueno|aja|dale|esta bien|ya ya|si si|si claro|si senorita|ya senorita)\b"
REASON = r"\b(revisar|verificar|consultar|validar|buscar|ver en el sistema|comprobar)\b"
APPROX_TIME = r"\b(minuto|minutos|minutito|minutitos|segundos)\b"
CALLBACK = r"\b(le|la|lo) (devuelvo|devolvemos|llamo|llamamos|volvemos a llamar|vuelvo a llamar)\b|\bdevolver(le|la)? la llamada\b"
TRANSFER = r"\b(transfier\w*|transferir\w*|comunico|paso con|derivo|pasar con|comunicar con|te paso)\b"


def _fuzzy_has(text_words, target, maxd=1):
    def lev(a, b):
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]
    return any(lev(w, target) <= maxd for w in text_words)


def verify(calls):
    problems = []

    def bad(c, msg):
        problems.append(f"{c['key']} ({c['call_id']}): {msg}")

    seen_ids, seen_files = set(), set()
    for c in calls:
        spec, exp, turns = c["_spec"], c["expected"], c["turns"]
        if c["call_id"] in seen_ids or c["file_name"] in seen_files:
            bad(c, "duplicate id or file name")
        seen_ids.add(c["call_id"]); seen_files.add(c["file_name"])
        local = dt.datetime.fromisoformat(c["start_local"])
        if local.weekday() == 6 or not (8 <= local.hour < 18) or local.month != 11 or local.year != 2026:
            bad(c, f"outside business hours: {local}")
        if not (120 <= c["duration_s"] <= 720):
            bad(c, f"duration {c['duration_s']} s outside 2-12 min")
        real = [t for t in turns if not t["hallucination"]]
        ops = [t for t in real if t["role"] == "O"]
        cls = [t for t in real if t["role"] == "C"]
        others = [t for t in real if t["role"] == "X"]
        optext = [fold(t["text"]) for t in ops]
        alltext_op = " ".join(optext)
        # the first turn must not start with a long silence; holds must be marked
        marked = [t for t in turns if t["hold"]]
        if len(marked) != len(c["holds"]):
            bad(c, f"{len(marked)} turns marked hold but {len(c['holds'])} gaps >= {HOLD_MIN_GAP}s found")
        for t in marked:
            if t["role"] != "O" or not any(abs(t["start"] - h[1]) < 0.01 for h in c["holds"]):
                bad(c, f"hold marker on a turn that does not end a hold: {t['text'][:40]}")
        # greeting
        first2 = " ".join(optext[:2])
        op_first, op_sur = fold(c["operator_name"]).split()[:2]
        w = first2.split()
        g = (re.search(SALUTATION, first2) is not None and re.search(SIAGIE, first2) is not None
             and _fuzzy_has(w, op_first) and _fuzzy_has(w, op_sur, 2))
        if (exp["greeting"] == "pass") != g:
            bad(c, f"greeting designed {exp['greeting']} but heuristic says {g}: {first2[:150]}")
        if exp["greeting"] == "pass" and "bienven" not in first2:
            bad(c, "greeting pass without a welcome (bienvenid...)")
        # no_interruption
        if spec["fmt"] != "plain":
            worst = 0.0
            for i, t in enumerate(real):
                if t["role"] != "O":
                    continue
                for p in real[:i]:
                    if p["role"] == "C" and p["start"] < t["start"] < p["end"]:
                        worst = max(worst, min(p["end"], t["end"]) - t["start"])
            interrupted = worst >= INTERRUPT_OVERLAP
            if (exp["no_interruption"] == "fail") != interrupted:
                bad(c, f"no_interruption designed {exp['no_interruption']} but worst overlap {worst:.2f}s")
            if 0.7 <= worst < 1.4:
                bad(c, f"overlap {worst:.2f}s too close to the 1.0 s threshold")
        # holds
        if c["holds"]:
            first_hold = c["holds"][0]
            before = [t for t in ops if t["end"] <= first_hold[0] + 0.01]
            ann = fold(before[-1]["text"]) if before else ""
            ann2 = " ".join(fold(t["text"]) for t in before[-2:])
            he = re.search(REASON, ann2) is not None and re.search(APPROX_TIME, ann2) is not None
            if (exp["hold_explained"] == "pass") != he:
                bad(c, f"hold_explained designed {exp['hold_explained']} but heuristic {he}: {ann2[-160:]}")
            hp_all = True
            for h in c["holds"]:
                prior = [t for t in real if t["end"] <= h[0] + 0.01]
                last = prior[-1]
                last_op = [t for t in prior if t["role"] == "O"][-1]
                asked = any(re.search(p, fold(last_op["text"])) for p in PERMISSION)
                yes = last["role"] == "C" and re.search(YES, fold(last["text"])) is not None
                hp_all = hp_all and asked and yes
            if (exp["hold_permission"] == "pass") != hp_all:
                bad(c, f"hold_permission designed {exp['hold_permission']} but heuristic {hp_all}")
            ht_all = True
            for h in c["holds"]:
                back = [t for t in ops if t["start"] >= h[1] - 0.01][0]
                ht_all = ht_all and any(re.search(p, fold(back["text"])) for p in THANKS_WAIT)
            if (exp["hold_thanks"] == "pass") != ht_all:
                bad(c, f"hold_thanks designed {exp['hold_thanks']} but heuristic {ht_all}")
            eps = hold_episodes(c["holds"])
            for e in eps:
                if 110 <= e["total"] <= 130 or 170 <= e["total"] <= 190:
                    bad(c, f"hold episode total {e['total']:.1f}s too close to a threshold")
                span = e["end"] - e["start"]
                if (span > EPISODE_CHECKINS) != (e["total"] > EPISODE_CHECKINS) or \
                        (span > EPISODE_CALLBACK) != (e["total"] > EPISODE_CALLBACK):
                    bad(c, f"episode span {span:.1f} and total {e['total']:.1f} disagree on a threshold")
                for st in e["stretches"]:
                    if 110 <= st <= 130:
                        bad(c, f"hold stretch {st:.1f}s too close to 120 s")
            if exp["hold_checkins"] != "na":
                ok = all(st <= CHECKIN_MAX for e in eps for st in e["stretches"])
                if (exp["hold_checkins"] == "pass") != ok:
                    bad(c, f"hold_checkins designed {exp['hold_checkins']} but stretches say {ok}")
            if exp["hold_callback"] != "na":
                cb = re.search(CALLBACK, alltext_op) is not None
                if (exp["hold_callback"] == "pass") != cb:
                    bad(c, f"hold_callback designed {exp['hold_callback']} but heuristic {cb}")
        else:
            for t in ops:
                ft = fold(t["text"])
                if re.search(r"\b(me permite un momento|puede esperar en linea|gracias por la espera)\b", ft):
                    bad(c, f"hold wording in a call without a hold: {t['text'][:50]}")
        # transfer
        tr = spec.get("transfer")
        if tr:
            if tr["kind"] == "blind" and others:
                bad(c, "blind transfer with a third speaker")
            if tr["kind"] == "attended" and not others:
                bad(c, "attended transfer without a third speaker")
            if (exp["transfer_answered"] == "pass") != (tr["kind"] == "attended"):
                bad(c, "transfer_answered must be pass exactly for attended transfers here")
            if not re.search(TRANSFER, alltext_op):
                bad(c, "transfer never announced")
            if tr["kind"] == "blind" and real[-1]["role"] == "X":
                bad(c, "blind transfer ends with a third speaker")
        elif others:
            bad(c, "third speaker in a call that is not transferred")
        # closing_by_name
        if exp["closing_by_name"] != "na":
            last2 = " ".join(optext[-2:])
            names = [fold(n) for n in (c["caller_name"] or ())]
            hit = any(re.search(r"\b" + re.escape(n) + r"\b", last2) for n in names)
            if (exp["closing_by_name"] == "pass") != hit:
                bad(c, f"closing_by_name designed {exp['closing_by_name']} but name in last 2 turns: {hit}")
        # checked_understanding
        if exp["checked_understanding"] != "na":
            near = " ".join(optext[-3:])
            if exp["checked_understanding"] == "pass":
                if not any(re.search(p, near) for p in CHECKED):
                    bad(c, "checked_understanding pass but no question in the last 3 operator turns")
            else:
                if any(re.search(p, alltext_op) for p in CHECKED):
                    bad(c, "checked_understanding fail but a check question appears")
        # summarized_query
        summ = [p for p in SUMMARY if re.search(p, alltext_op)]
        if exp["summarized_query"] == "fail" and summ:
            bad(c, f"summarized_query fail but operator says {summ}")
        if exp["summarized_query"] == "pass" and not summ:
            bad(c, "summarized_query pass but no restating phrase")
        # plain_language
        found = sorted(k for k, p in JARGON.items() if re.search(p, alltext_op))
        if (exp["plain_language"] == "fail") != (len(found) >= 2):
            bad(c, f"plain_language designed {exp['plain_language']} but jargon {found}")
        if exp["plain_language"] == "pass":
            extra = [p for p in JARGON_EXTRA if re.search(p, alltext_op)]
            if extra:
                bad(c, f"borderline technical words in a plain_language pass: {extra}")
        # positive_language
        neg = [p for p in NEGATIVE if re.search(p, alltext_op)]
        if (exp["positive_language"] == "fail") != bool(neg):
            bad(c, f"positive_language designed {exp['positive_language']} but negative phrases {neg}")
        # asked_* sanity: a designed fail must not contain the request words in operator turns
        for crit, pat in (("asked_name", r"\b(nombre|con quien tengo el gusto|con quien hablo|quien me habla)\b"),
                          ("asked_dni", r"\b(dni|documento)\b"),
                          ("asked_modular_code", r"\b(codigo modular|modular)\b")):
            if exp[crit] == "fail" and re.search(pat, alltext_op):
                if not (crit == "asked_dni" and "no necesito su dni" in alltext_op):
                    bad(c, f"{crit} fail but the operator mentions it")
            if exp[crit] == "pass" and not re.search(pat, alltext_op):
                # only allowed when the caller gave it unprompted
                if crit not in spec.get("unprompted", ()):
                    bad(c, f"{crit} pass but the operator never asks (mark it unprompted?)")
        for crit in spec.get("unprompted", ()):
            if exp[crit] != "pass":
                bad(c, f"{crit} marked unprompted but not pass")
        if exp["closing_by_name"] != "na" and exp["asked_name"] == "fail" and exp["closing_by_name"] == "pass":
            bad(c, "closing by name without the name ever being given")
        # offered_help: open-question words
        if exp["offered_help"] == "fail" and re.search(r"en que (le|la|lo) (puedo|podemos) (ayudar|servir)", alltext_op):
            bad(c, "offered_help fail but the operator asks the open question")
        # times sane
        for t in turns:
            if t["end"] <= t["start"]:
                bad(c, "non-positive turn")
        if spec["fmt"] in ("aws_new", "aws_old", "aws_ca", "native", "plain") and any(t["hallucination"] for t in turns):
            bad(c, "hallucinations only belong in Whisper-made formats")
        if spec["fmt"] in ("aws_new", "aws_old"):
            for a, b in zip(real, real[1:]):
                if b["start"] < a["end"]:
                    bad(c, "Amazon Transcribe speaker segments must not overlap")
        if spec["fmt"] == "aws_ca" and others:
            bad(c, "Call Analytics has only AGENT and CUSTOMER")
        if spec.get("enc") == "cp1252":
            try:
                WRITERS[spec["fmt"]](c).encode("cp1252")
            except UnicodeEncodeError as e:
                bad(c, f"not encodable in cp1252: {e}")
    return problems


# --------------------------------------------------------------------------------------------
# Deliberately bad inputs: the tool must reject them with a reason and not count them as calls
# --------------------------------------------------------------------------------------------

BAD_SPECS = [
    # key, when, caller, operator, extension, ext of the file, kind, reason
    dict(key="BAD-empty", when="2026-11-12 11:47:05", caller="912873460", op="op02", ext="202",
         file_ext="vtt", kind="empty", reason="archivo vacío (0 bytes): la transcripción falló"),
    dict(key="BAD-truncated", when="2026-11-18 16:51:22", caller="947118203", op="op05", ext="205",
         file_ext="json", kind="truncated", reason="JSON de WhisperX cortado a la mitad (copia interrumpida)"),
    dict(key="BAD-note", when="2026-11-25 11:02:48", caller="017650092", op="op03", ext="203",
         file_ext="txt", kind="note", reason="nota de supervisión, no es una transcripción"),
]


def bad_files(calls):
    """The three bad inputs, with ids that do not collide with the calls'."""
    out = []
    by_epoch = sorted(calls, key=lambda c: c["epoch"])
    for b in BAD_SPECS:
        local = dt.datetime.strptime(b["when"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=LIMA)
        epoch = int(local.timestamp())
        prev = [c for c in by_epoch if c["epoch"] < epoch]
        seq = (prev[-1]["seq"] if prev else FIRST_SEQ) + 5
        uid = f"{epoch}.{seq}"
        name = f"q-{QUEUE}-{b['caller']}-{local.strftime('%Y%m%d-%H%M%S')}-{uid}.{b['file_ext']}"
        if b["kind"] == "empty":
            content = b""
        elif b["kind"] == "truncated":
            segs = [
                {"start": 0.82, "end": 5.4, "text": " Buenas tardes, bienvenido a la central del SIAGIE, le saluda Katherine Salazar.", "speaker": "SPEAKER_00"},
                {"start": 6.1, "end": 12.95, "text": " Buenas tardes, señorita, le llamo del colegio San José de Huaral, por lo de la nómina adicional.", "speaker": "SPEAKER_01"},
                {"start": 13.4, "end": 16.2, "text": " Mucho gusto. ¿Con quién tengo el gusto?", "speaker": "SPEAKER_00"},
                {"start": 16.9, "end": 21.3, "text": " Con la profesora Marisol Huerta, soy la encargada de matrícula.", "speaker": "SPEAKER_01"},
            ]
            full = json.dumps({"segments": segs, "language": "es"}, ensure_ascii=False, indent=2)
            cut = full.index("encargada de")          # cut in the middle of a string
            content = full[:cut].encode("utf-8")
        else:
            content = ("pendiente revisar grabación\n"
                       "la llamada de la mañana (anexo 203) se cortó, el audio está incompleto.\n"
                       "no transcribir hasta que soporte recupere el archivo. - supervisión turno mañana\n").encode("utf-8")
        out.append({"key": b["key"], "uniqueid": uid, "epoch": epoch, "seq": seq,
                    "start_local": local.isoformat(), "caller_number": b["caller"],
                    "operator_id": b["op"], "extension": b["ext"], "queue": QUEUE,
                    "path": f"{local.strftime('%Y-%m-%d')}/{name}", "reason": b["reason"],
                    "content": content})
    return out


# --------------------------------------------------------------------------------------------
# README and summary (numbers computed here, from the same data)
# --------------------------------------------------------------------------------------------

FORMAT_LABEL = {
    "vtt_voice": "WebVTT con etiquetas de voz `<v SPEAKER_xx>`",
    "vtt_name": "WebVTT con etiquetas de voz con nombre `<v Nombre>`",
    "vtt_zoom": "WebVTT estilo Zoom (cues numeradas, «Nombre: texto»)",
    "vtt_wx": "WebVTT de WhisperX («[SPEAKER_xx]: texto», sin horas)",
    "srt_speaker": "SRT con «[SPEAKER_xx]: texto»",
    "srt_name": "SRT con «Nombre: texto»",
    "whisperx": "JSON de WhisperX (segments; algunos con tiempos como texto)",
    "aws_new": "JSON de Amazon Transcribe (speaker_label en los items)",
    "aws_old": "JSON de Amazon Transcribe antiguo (items sin speaker_label)",
    "aws_ca": "JSON de Amazon Transcribe Call Analytics",
    "native": "JSON nativo de callqa (callqa-transcript v1)",
    "plain": "Texto plano «Operador: ...» sin tiempos",
}


def _counts(calls):
    per_fmt = {}
    for c in calls:
        per_fmt[c["format"]] = per_fmt.get(c["format"], 0) + 1
    per_crit = {k: {"pass": 0, "fail": 0, "na": 0} for k in CRITERIA}
    for c in calls:
        for k in CRITERIA:
            per_crit[k][c["expected"][k]] += 1
    per_op = {}
    for c in calls:
        d = per_op.setdefault(c["operator_id"], {"calls": 0, "pass": 0, "fail": 0})
        d["calls"] += 1
        for k in CRITERIA:
            if c["expected"][k] in ("pass", "fail"):
                d[c["expected"][k]] += 1
    return per_fmt, per_crit, per_op


def write_readme(calls, pbx=None):
    per_fmt, per_crit, per_op = _counts(calls)
    days = sorted({c["start_local"][:10] for c in calls})
    holds = sum(1 for c in calls if c["holds"])
    transfers = [c for c in calls if c["transfer"]["kind"] != "none"]
    blind = sum(1 for c in transfers if c["transfer"]["kind"] == "blind")
    enc = {}
    for c in calls:
        key = c["encoding"] + (" + CRLF" if c["newline"] == "\r\n" else "")
        enc[key] = enc.get(key, 0) + 1
    L = []
    L.append("# Datos de ejemplo de callqa: un mes de la Central de Atención del SIAGIE")
    L.append("")
    L.append("**Todos los datos son ficticios**: nombres, DNI, códigos modulares, teléfonos, colegios y")
    L.append("conversaciones fueron inventados para probar la herramienta; cualquier parecido con personas o")
    L.append("instituciones reales es casual. Los procedimientos del SIAGIE que se mencionan son aproximados.")
    L.append("")
    L.append("Este directorio lo genera `python3 tools/gen_sample_data.py` (determinista: dos ejecuciones")
    L.append("producen archivos idénticos). No lo edite a mano; cambie el script y vuelva a generarlo. Los")
    L.append("números de abajo los calcula el mismo script.")
    L.append("")
    L.append("## El mes")
    L.append("")
    L.append(f"- Noviembre de 2026, {len(calls)} llamadas válidas en {len(days)} días hábiles (lunes a sábado),")
    L.append("  entre las 8:00 y las 18:00, hora de Lima (UTC-5).")
    L.append(f"- {holds} llamadas con espera (cliente en espera 20 s o más), {len(transfers)} transferidas "
             f"({len(transfers) - blind} atendidas, {blind} ciegas).")
    L.append("- Cola `600`. Las grabaciones llevan el nombre que les pone FreePBX:")
    L.append("  `q-600-<número>-<AAAAMMDD>-<HHMMSS>-<uniqueid>`, y algunas `exten-`/`external-` (llamada directa")
    L.append("  al anexo de un operador), `out-` (devolución de llamada) o solo `<uniqueid>.json`.")
    L.append("  El uniqueid es `<segundos epoch del inicio de la llamada>.<secuencia>`.")
    L.append("- `transcripts/AAAA-MM-DD/` agrupa las transcripciones por día. Los tiempos de cada turno se")
    L.append("  cuentan desde que el operador contesta (inicio de la grabación).")
    L.append("- Una espera es un silencio de 20 s o más entre turnos reales, después de que el operador la")
    L.append("  anuncia; un turno es la sucesión de segmentos seguidos del mismo hablante (sin cruzar una espera).")
    L.append("")
    L.append("## Operadores (`operators.csv`)")
    L.append("")
    L.append("| id | nombre | anexo(s) | turno | llamadas | perfil (para coaching) |")
    L.append("|---|---|---|---|---|---|")
    for o in OPERATORS:
        L.append(f"| {o[0]} | {o[1]} | {o[2]} | {o[3]} | {per_op[o[0]]['calls']} | {o[4]} |")
    L.append("")
    L.append("Los sábados por la mañana atiende también el turno tarde (rotación).")
    L.append("")
    L.append("## Formatos")
    L.append("")
    L.append("| formato | llamadas |")
    L.append("|---|---|")
    for f in WRITERS:
        if f in per_fmt:
            L.append(f"| {FORMAT_LABEL[f]} | {per_fmt[f]} |")
    L.append("")
    L.append("Codificación: " + ", ".join(f"{k}: {v}" for k, v in sorted(enc.items())) + ".")
    L.append("Hay texto dañado como lo deja el reconocimiento de voz (\"CIAGIE\", \"sia gie\", \"SIAJE\", sin")
    L.append("tildes ni puntuación, números dictados en palabras) y alucinaciones de Whisper dentro de las esperas")
    L.append("(\"Subtítulos realizados por la comunidad de Amara.org\", \"Gracias por ver el video.\", \"Música\"),")
    L.append("que no son habla real.")
    L.append("")
    L.append("## Archivos defectuosos (deben rechazarse, no son llamadas)")
    L.append("")
    for b in bad_files(calls):
        L.append(f"- `transcripts/{b['path']}`: {b['reason']}.")
    L.append("")
    L.append("## Veredictos esperados")
    L.append("")
    L.append("`tests/fixtures/sample_expected.csv` (`call_id,criterion,expected`) da, para cada llamada válida y")
    L.append("cada criterio, el resultado diseñado: `pass`, `fail` o `na` (no aplica).")
    L.append("")
    L.append("| criterio | pass | fail | na |")
    L.append("|---|---|---|---|")
    for k in CRITERIA:
        d = per_crit[k]
        L.append(f"| {k} | {d['pass']} | {d['fail']} | {d['na']} |")
    L.append("")
    if pbx is not None:
        L += readme_pbx_lines(calls, pbx)
    with open(os.path.join(SAMPLE_DIR, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(L))


def print_summary(calls):
    per_fmt, per_crit, per_op = _counts(calls)
    print(f"{len(calls)} calls")
    for f, n in per_fmt.items():
        print(f"  {f:12s} {n}")
    print("criterion            pass fail   na")
    for k in CRITERIA:
        d = per_crit[k]
        print(f"  {k:22s} {d['pass']:3d} {d['fail']:4d} {d['na']:4d}")
    for op, d in per_op.items():
        print(f"  {op}: {d['calls']} calls, {d['pass']} pass / {d['fail']} fail "
              f"({100 * d['pass'] / (d['pass'] + d['fail']):.0f}%)")
    for c in sorted(calls, key=lambda c: c["call_id"]):
        ap = [v for v in c["expected"].values() if v != "na"]
        score = 100 * ap.count("pass") / len(ap)
        print(f"  {c['key']:3s} {c['call_id']} {c['format']:11s} {c['duration_s']:6.1f}s "
              f"holds={len(c['holds'])} {c['transfer']['kind']:8s} score={score:5.1f} {c['file_name']}")


# --------------------------------------------------------------------------------------------
# PBX logs of the month (Asterisk + FreePBX): queue_log, CDR Master.csv, AMI listener log,
# and the answer keys of the daily line review. Built from build_calls() plus PBX-only calls
# (lost calls, answered calls that were not transcribed, incidents); nothing here changes a
# transcript or the RNG streams the transcripts use.
# --------------------------------------------------------------------------------------------

PBX_DIR = os.path.join(SAMPLE_DIR, "pbx")
LINES_EXPECTED_CSV = os.path.join(ROOT, "tests", "fixtures", "sample_lines_expected.csv")
PBX_EXPECTED_CSV = os.path.join(ROOT, "tests", "fixtures", "sample_pbx_expected.csv")

Q_TIMEOUT = 15            # a member rings this long before RINGNOANSWER
Q_RETRY = 5               # pause between ring cycles
Q_MAXWAIT = 300           # Queue(600,tr,,,300): EXITWITHTIMEOUT after this wait
Q_MAXLEN = 4              # FULL when this many callers are already waiting
WRAPUP = 10               # seconds after a call before the member can ring again
SL_SECONDS = 20           # service level: answered within 20 s (wait <= 20)
DIRECT_RING = 45          # ring timeout of a direct (DID) call to an extension
DID = "016155800"
QUEUE_LASTDATA = "600,tr,,,300,,,,,"
AMI_BANNER = "Asterisk Call Manager/5.0.1"

NO_PBX_KEY = "J4"                    # transcript call with no PBX record at all
AMI_MUTED_KEY = "L1"                 # operator muted the line instead of pressing hold: no AMI Hold
AMI_OUTAGE = ("2026-11-23 14:30:00", "2026-11-23 15:12:00")   # AMI listener disconnected
PBX_ONLY_HOLD = dict(key="M7", after_turn=7, lead=0.8, hold_s=45.0, back=0.6)
OFFHOOK_EXT = "207"
FAULTY_EXT = "205"
OFFHOOK_MIN_BUSY = 3       # suspect off_hook: >= 3 BUSY legs in a day with no call in progress...
LONG_LEG_S = 4 * 3600      # ...or one ANSWERED leg of 4 h or more
FAULTY_MIN_FAILED = 3      # suspect faulty: >= 3 FAILED/CONGESTION legs in a day
MEMBER_EXTS = ["201", "202", "203", "204", "205", "206", "207", "213"]

# how each operator appears as a queue member (queue_log agent field)
MEMBER_STYLE = {"op01": "pjsip", "op02": "pjsip", "op03": "local", "op04": "pjsip",
                "op05": "pjsip", "op06": "agent"}

MONTH_DAYS = [f"2026-11-{d:02d}" for d in range(1, 31) if dt.date(2026, 11, d).weekday() != 6]
TEAM = {"Mañana": ["op01", "op02", "op03"], "Tarde": ["op04", "op05", "op06"]}
SAT_ROTATION = {"2026-11-07": "op04", "2026-11-14": "op05", "2026-11-21": "op06", "2026-11-28": "op04"}
ABSENT = {("2026-11-16", "op03")}                        # licencia
LATE_LOGIN = {("2026-11-16", "op01"): "10:40:12",        # llegó tarde el día malo
              ("2026-11-05", "op04"): "13:12:40",        # el turno tarde entró tarde (reunión)
              ("2026-11-05", "op05"): "13:13:05",
              ("2026-11-05", "op06"): "13:14:22"}
EARLY_LOGOFF = {("2026-11-14", "op01"): "12:59:58", ("2026-11-14", "op02"): "13:00:03",
                ("2026-11-14", "op03"): "13:00:09", ("2026-11-14", "op05"): "13:00:15"}
SEATS = {("2026-11-06", "op03"): "213"}                   # sat at her second extension that day

MANANA, TARDE = tuple(TEAM["Mañana"]), tuple(TEAM["Tarde"])
SAT_1114 = ("op01", "op02", "op03", "op05")
HAND_PAUSES = [
    # day, operators, start, end, reason
    ("2026-11-02", MANANA, "08:00:30", "08:15:10", "Reunión de equipo"),
    ("2026-11-09", MANANA, "08:00:40", "08:14:55", "Reunión de equipo"),
    ("2026-11-16", ("op02",), "08:00:35", "08:15:10", "Reunión de equipo"),
    ("2026-11-23", MANANA, "08:00:25", "08:15:20", "Reunión de equipo"),
    ("2026-11-30", MANANA, "08:00:30", "08:15:05", "Reunión de equipo"),
    ("2026-11-05", TARDE, "16:00:00", "16:10:20", "Pausa activa"),
    ("2026-11-12", TARDE, "16:00:05", "16:10:10", "Pausa activa"),
    ("2026-11-26", TARDE, "16:00:10", "16:10:05", "Pausa activa"),
    ("2026-11-24", MANANA, "10:00:00", "10:45:00", "Capacitación"),
    ("2026-11-24", TARDE, "15:30:00", "15:40:10", "Pausa activa"),
    ("2026-11-10", ("op06",), "16:00:00", "16:15:00", "Refrigerio"),
    ("2026-11-11", ("op06",), "14:30:00", "14:45:00", "Refrigerio"),
    ("2026-11-11", ("op04",), "14:35:00", "14:50:00", "Backoffice"),
    ("2026-11-11", ("op06",), "15:00:00", "15:25:00", "Backoffice"),
    ("2026-11-11", ("op05",), "15:30:00", "16:05:00", "Soporte técnico"),
    ("2026-11-14", SAT_1114, "12:57:00", None, "Cierre de turno"),
    ("2026-11-19", ("op02",), "11:35:00", "11:50:00", "Refrigerio"),
]

# extension 207: spare seat. The supervisor adds it to the queue on 11-23 after hours, calls the
# conference room from it and leaves the handset off the hook; the call stays up until after
# midnight, and on 11-24 every ring returns BUSY until the seat is removed from the queue.
OFFHOOK_ADD = "2026-11-23 18:40:05"
OFFHOOK_CONF = ("2026-11-23 18:47:12", "2026-11-24 00:05:41")
OFFHOOK_REMOVE = "2026-11-24 16:12:30"
OFFHOOK_WINDOW = ("2026-11-24 07:00:00", OFFHOOK_REMOVE)
# extension 205: intermittent fault (FAILED / CONGESTION) on two afternoons
FAULTY_WINDOWS = [("2026-11-10 12:50:00", "2026-11-10 18:30:00"),
                  ("2026-11-11 12:50:00", "2026-11-11 15:30:00")]

HAND_ANSWERED = [
    # the bad day (11-16): op03 on leave, op01 late, op02 alone all morning with long calls
    dict(id="H01", when="2026-11-16 08:22:10", op="op02", wait=7, dur=262),
    dict(id="H02", when="2026-11-16 08:41:35", op="op02", wait=12, dur=318),
    dict(id="H03", when="2026-11-16 09:14:02", op="op02", wait=5, dur=1130),
    dict(id="H04", when="2026-11-16 09:29:50", op="op02", wait=210, dur=845),
    dict(id="H05", when="2026-11-16 09:44:12", op="op02", wait=206, dur=600),
    dict(id="H06", when="2026-11-16 10:02:10", op="op02", wait=6, dur=410),
    dict(id="H07", when="2026-11-16 10:41:30", op="op01", wait=9, dur=280),
    # 11-11: op04 busy while 205 fails
    dict(id="H08", when="2026-11-11 15:08:00", op="op04", wait=6, dur=600),
    # 11-13: 204 is on its own outbound call; the queue still tries it (BUSY, call in progress)
    dict(id="H09", when="2026-11-13 15:41:10", op="op06", pre=[("204", "busy")], ring=8, dur=290),
    # 11-25: a single network glitch on 206 (one FAILED leg, not a faulty extension)
    dict(id="H10", when="2026-11-25 16:20:05", op="op04", pre=[("206", "failed")], ring=6, dur=244),
]
HAND_OUTBOUND = [
    dict(id="O01", when="2026-11-13 15:40:02", op="op04", ext="204", number="943551207", ring=11, dur=232),
]
HAND_DIRECT_LOST = [
    # direct call to 202 while Carlos is on his break: rings 20 s, NO ANSWER
    dict(id="D01", when="2026-11-19 11:40:05", ext="202", ring=20, caller="966031458"),
]
LOST_CALLS = [
    # id, entered, patience (s) or kind, the designed category (checked against the ring simulation)
    ("P01", "2026-11-02 08:09:14", 47, "entry"),        # Monday meeting, all paused
    ("P02", "2026-11-03 10:47:30", 22, "extension"),
    ("P03", "2026-11-05 13:08:30", "JOINEMPTY", "entry"),   # shift change, nobody logged in
    ("P04", "2026-11-05 16:04:12", 52, "entry"),        # pausa activa
    ("P05", "2026-11-07 12:15:08", 6, "extension"),
    ("P06", "2026-11-09 08:06:40", 62, "entry"),
    ("P07", "2026-11-10 16:05:10", 25, "extension"),    # only 205 free, and it fails
    ("P08", "2026-11-11 14:40:00", 18, "extension"),
    ("P09", "2026-11-11 15:12:30", 40, "extension"),
    ("P10", "2026-11-12 16:03:20", 44, "entry"),
    ("P11", "2026-11-13 15:52:10", 9, "extension"),     # abandoned while ringing: only the CDR shows it
    ("P12", "2026-11-14 12:59:30", 600, "entry"),       # EXITEMPTY when the last member logs off
    ("P13", "2026-11-16 08:04:20", 38, "entry"),
    ("P14", "2026-11-16 09:19:40", 95, "entry"),
    ("P15", "2026-11-16 09:26:15", 140, "entry"),
    ("P16", "2026-11-16 09:36:05", 900, "entry"),       # EXITWITHTIMEOUT
    ("P17", "2026-11-16 09:45:30", 220, "entry"),
    ("P18", "2026-11-16 09:46:02", 238, "entry"),
    ("P19", "2026-11-16 09:46:40", 900, "entry"),       # EXITWITHTIMEOUT
    ("P20", "2026-11-16 09:47:05", "FULL", "entry"),
    ("P21", "2026-11-16 09:48:20", 150, "entry"),
    ("P22", "2026-11-16 09:48:30", "FULL", "entry"),
    ("P23", "2026-11-16 10:52:10", 31, "extension"),
    ("P24", "2026-11-16 11:30:40", 12, "extension"),
    ("P25", "2026-11-18 10:12:00", 17, "extension"),
    ("P26", "2026-11-23 08:11:05", 35, "entry"),
    ("P27", "2026-11-24 10:08:15", 42, "extension"),    # only 207 "free": BUSY every cycle
    ("P28", "2026-11-24 10:31:50", 27, "extension"),
    ("P29", "2026-11-24 15:33:05", 33, "extension"),
    ("P30", "2026-11-26 16:06:30", 58, "entry"),
    ("P31", "2026-11-27 11:15:40", 48, "extension"),
    ("P32", "2026-11-28 09:20:00", 12, "extension"),
]
FILLER_EXCLUDE = [("2026-11-16 07:00:00", "2026-11-16 11:45:00"),
                  ("2026-11-14 12:40:00", "2026-11-14 13:30:00"),
                  ("2026-11-05 12:50:00", "2026-11-05 13:30:00")]
CLID_NAMES = {"R8": "Rocío Valverde", "R3": "IE 1182 EL BOSQUE", "C6": "Raúl Mendoza"}
COMMA_NAME = ("2026-11-17", "Pérez, Ana")    # the first untranscribed call that day


def _ep(s):
    return int(dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=LIMA).timestamp())


def _loc(epoch):
    return dt.datetime.fromtimestamp(int(epoch), LIMA).strftime("%Y-%m-%d %H:%M:%S")


def _day(epoch):
    return _loc(epoch)[:10]


def _at(day, hms):
    return _ep(f"{day} {hms}")


def member_name(op, ext):
    style = MEMBER_STYLE.get(op, "pjsip")
    if style == "local":
        return f"Local/{ext}@from-queue/n"
    if style == "agent":
        return f"Agent/{ext}"
    return f"PJSIP/{ext}"


def _overlap(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


class _Floor:
    """Who is logged in, paused, busy or ringing, second by second (intervals)."""

    def __init__(self):
        self.shifts = []      # dict(day, op, ext, member, login, logoff)
        self.pauses = []      # dict(day, op, start, end, reason)
        self.busy = {}        # ext -> [(start, end, why)]
        self.extra_members = []   # dict(ext, member, start, end) (207)

    def shift_at(self, op, t):
        for s in self.shifts:
            if s["op"] == op and s["login"] <= t < s["logoff"]:
                return s
        return None

    def members_at(self, t):
        """(ext, op, member) logged in at t."""
        out = []
        for s in self.shifts:
            if s["login"] <= t < s["logoff"]:
                out.append((s["ext"], s["op"], s["member"]))
        for m in self.extra_members:
            if m["start"] <= t < m["end"]:
                out.append((m["ext"], None, m["member"]))
        return sorted(out)

    def paused(self, op, t0, t1):
        return any(p["op"] == op and _overlap(t0, t1, p["start"], p["end"]) for p in self.pauses)

    def is_busy(self, ext, t0, t1, ignore=None):
        return any(_overlap(t0, t1, b0, b1) for b0, b1, why in self.busy.get(ext, []) if why != ignore)

    def ringable(self, ext, op, t0, t1, ignore=None):
        if op is not None:
            s = self.shift_at(op, t0)
            if not s or s["ext"] != ext or t1 > s["logoff"] or self.paused(op, t0, t1):
                return False
        else:
            if not any(m["ext"] == ext and m["start"] <= t0 and t1 <= m["end"] for m in self.extra_members):
                return False
        return not self.is_busy(ext, t0, t1, ignore)

    def reserve(self, ext, t0, t1, why):
        self.busy.setdefault(ext, []).append((t0, t1, why))


def _in_window(t, windows):
    return any(_ep(a) <= t < _ep(b) for a, b in windows)


def _member_result(ext, t, rng):
    if ext == OFFHOOK_EXT and _in_window(t, [OFFHOOK_WINDOW]):
        return "busy"
    if ext == FAULTY_EXT and _in_window(t, FAULTY_WINDOWS):
        return rng.choice(["failed", "failed", "congestion"])
    return "noanswer"


ATTEMPT_SECONDS = {"busy": 0, "failed": 1, "congestion": 2, "noanswer": Q_TIMEOUT}


def _attempt(ext, op, member, start, result, rng):
    dur = ATTEMPT_SECONDS[result]
    # app_queue logs the ring time in whole seconds * 1000 (timeout: the configured timeout)
    ms = dur * 1000
    return {"ext": ext, "op": op, "member": member, "start": start, "end": start + dur,
            "result": result, "ms": ms}


def _transcript_pbx_calls(calls):
    """PBX view of the transcript calls (all but NO_PBX_KEY) and of the three bad files."""
    out = []
    for c in calls:
        if c["key"] == NO_PBX_KEY:
            continue
        rng = random.Random("callqa-pbx-call:" + c["key"])
        connect = c["epoch"] + c["queue_wait_s"]
        shift = 0.0
        holds = [list(h) for h in c["holds"]]
        pbx_only = None
        if c["key"] == PBX_ONLY_HOLD["key"]:
            t = c["turns"][PBX_ONLY_HOLD["after_turn"]]
            nxt = c["turns"][PBX_ONLY_HOLD["after_turn"] + 1]
            h0 = round(t["end"] + PBX_ONLY_HOLD["lead"], 2)
            h1 = round(h0 + PBX_ONLY_HOLD["hold_s"], 2)
            shift = round(h1 + PBX_ONLY_HOLD["back"] - nxt["start"], 2)
            pbx_only = [h0, h1]
        tr = c["transfer"]
        pc = {
            "id": c["key"], "source": "transcript", "key": c["key"], "route": c["route"],
            "kind": {"queue": "queue", "direct": "direct", "outbound": "outbound"}[c["route"]],
            "enter": c["epoch"], "pinned_seq": c["seq"], "uid": c["uniqueid"],
            "caller": c["caller_number"], "clid_name": CLID_NAMES.get(c["key"]),
            "op": c["operator_id"], "ext": c["extension"], "outcome": "answered",
            "wait": c["queue_wait_s"], "connect": connect,
            "rec_duration": c["duration_s"], "shift": shift,
            "complete": "COMPLETEAGENT" if rng.random() < 0.35 else "COMPLETECALLER",
            "transcript": c["path"], "file_name": c["file_name"],
        }
        # AMI holds: transcript holds (key press a little after the last word, released a
        # little before the next), the PBX-only hold, none for the muted call
        ami = []
        if c["key"] != AMI_MUTED_KEY:
            for h0, h1 in holds:
                a = round(h0 + rng.uniform(0.4, 1.6), 3)
                b = round(h1 - rng.uniform(0.3, 1.2), 3)
                ami.append([a, b])
        if pbx_only:
            ami.append(pbx_only)
        pc["ami_holds"] = ami
        pc["pbx_only_hold"] = pbx_only
        if tr["kind"] == "none":
            pc["end_op"] = connect + int(round(c["duration_s"] + shift))
            pc["hangup"] = pc["end_op"]
            pc["transfer"] = None
        else:
            at = connect + int(round(tr["at"]))
            pc["end_op"] = at
            x = {"kind": tr["kind"], "target": tr["target_ext"], "at": at}
            if tr["kind"] == "blind":
                x["target_ring"] = rng.randint(4, 11)
                x["target_answer"] = at + x["target_ring"]
                pc["hangup"] = x["target_answer"] + rng.randint(70, 260)
                x["bridge"] = None
            else:
                first_x = min(i for i, t in enumerate(c["turns"]) if t["role"] == "X")
                before = max(t["end"] for t in c["turns"][:first_x])
                x["consult_start"] = connect + int(math.floor(before + 0.5))
                x["target_answer"] = connect + int(math.floor(c["turns"][first_x]["start"]))
                x["bridge"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                pc["hangup"] = connect + int(round(c["duration_s"]))
            pc["transfer"] = x
        out.append(pc)
    for b in bad_files(calls):
        rng = random.Random("callqa-pbx-call:" + b["key"])
        wait, dur = {"BAD-empty": (11, 187), "BAD-truncated": (16, 204), "BAD-note": (9, 48)}[b["key"]]
        connect = b["epoch"] + wait
        out.append({
            "id": b["key"], "source": "bad", "key": None, "route": "queue", "kind": "queue",
            "enter": b["epoch"], "pinned_seq": b["seq"], "uid": b["uniqueid"],
            "caller": b["caller_number"], "clid_name": None, "op": b["operator_id"], "ext": b["extension"],
            "outcome": "answered", "wait": wait, "connect": connect, "rec_duration": None, "shift": 0.0,
            "end_op": connect + dur, "hangup": connect + dur, "transfer": None,
            "complete": "COMPLETEAGENT" if b["key"] == "BAD-note" else "COMPLETECALLER",
            "ami_holds": [], "pbx_only_hold": None, "transcript": b["path"], "file_name": None,
        })
    return out


def _hand_calls():
    out = []
    for h in HAND_ANSWERED:
        enter = _ep(h["when"])
        known = {}
        if h.get("wait") is not None:
            known = {"connect": enter + h["wait"], "end_op": enter + h["wait"] + h["dur"],
                     "hangup": enter + h["wait"] + h["dur"]}
        out.append({"id": h["id"], "source": "hand", "key": None, "route": "queue", "kind": "queue",
                    "enter": enter, "pinned_seq": None, "uid": None, "end_est": enter + 60 + h["dur"],
                    "caller": None, "clid_name": None, "op": h["op"], "ext": None,
                    "outcome": "answered", "wait": h.get("wait"), "connect": None, **known,
                    "hand_pre": h.get("pre"), "hand_ring": h.get("ring"), "hand_dur": h["dur"],
                    "rec_duration": None, "shift": 0.0, "transfer": None, "ami_holds": [],
                    "pbx_only_hold": None, "transcript": None, "file_name": None})
    for o in HAND_OUTBOUND:
        enter = _ep(o["when"])
        connect = enter + o["ring"]
        out.append({"id": o["id"], "source": "hand", "key": None, "route": "outbound", "kind": "outbound",
                    "enter": enter, "pinned_seq": None, "uid": None, "caller": o["number"],
                    "clid_name": None, "op": o["op"], "ext": o["ext"], "outcome": "answered",
                    "wait": o["ring"], "connect": connect, "end_op": connect + o["dur"],
                    "hangup": connect + o["dur"], "rec_duration": None, "shift": 0.0, "transfer": None,
                    "ami_holds": [], "pbx_only_hold": None, "transcript": None, "file_name": None,
                    "complete": None})
    for d in HAND_DIRECT_LOST:
        enter = _ep(d["when"])
        out.append({"id": d["id"], "source": "lost", "key": None, "route": "direct", "kind": "direct",
                    "enter": enter, "pinned_seq": None, "uid": None, "caller": d["caller"],
                    "clid_name": None, "op": None, "ext": d["ext"], "outcome": "NOANSWER",
                    "wait": None, "connect": None, "leave": enter + d["ring"], "hangup": enter + d["ring"],
                    "expect": "extension", "rec_duration": None, "shift": 0.0, "transfer": None,
                    "ami_holds": [], "pbx_only_hold": None, "transcript": None, "file_name": None,
                    "complete": None})
    a, b = _ep(OFFHOOK_CONF[0]), _ep(OFFHOOK_CONF[1])
    out.append({"id": "I01", "source": "hand", "key": None, "route": "internal", "kind": "internal",
                "enter": a, "pinned_seq": None, "uid": None, "caller": OFFHOOK_EXT, "clid_name": "Puesto 207",
                "op": None, "ext": OFFHOOK_EXT, "outcome": "answered", "wait": 1, "connect": a + 1,
                "end_op": b, "hangup": b, "rec_duration": None, "shift": 0.0, "transfer": None,
                "ami_holds": [], "pbx_only_hold": None, "transcript": None, "file_name": None,
                "complete": None})
    for pid, when, pat, expect in LOST_CALLS:
        enter = _ep(when)
        kind = pat if isinstance(pat, str) else None
        out.append({"id": pid, "source": "lost", "key": None, "route": "queue", "kind": "queue",
                    "enter": enter, "pinned_seq": None, "uid": None, "caller": None, "clid_name": None,
                    "op": None, "ext": None, "outcome": kind, "patience": None if kind else pat,
                    "wait": None, "connect": None, "expect": expect, "rec_duration": None, "shift": 0.0,
                    "transfer": None, "ami_holds": [], "pbx_only_hold": None, "transcript": None,
                    "file_name": None, "complete": None})
    return out


def _random_number(rng):
    if rng.random() < 0.22:
        return "01" + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return "9" + str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))


def _build_floor(fixed, rng):
    """Shifts (logins/logoffs) and pauses, consistent with the fixed calls."""
    floor = _Floor()
    busy_by_op = {}
    for pc in fixed:
        end = pc.get("end_op") or pc.get("end_est")
        if pc.get("op") and pc["outcome"] == "answered" and end:
            busy_by_op.setdefault(pc["op"], []).append((pc["enter"], end + WRAPUP))
    lost_windows = [(pc["enter"] - 30, pc["enter"] + 330) for pc in fixed if pc["source"] == "lost"]
    for day in MONTH_DAYS:
        sat = dt.date.fromisoformat(day).weekday() == 5
        plan = []
        if sat:
            for op in TEAM["Mañana"] + [SAT_ROTATION[day]]:
                plan.append((op, "07:54:00", "08:01:30", "13:00:05", "13:04:40"))
        else:
            for op in TEAM["Mañana"]:
                plan.append((op, "07:54:00", "08:01:30", "13:00:20", "13:04:50"))
            for op in TEAM["Tarde"]:
                plan.append((op, "12:54:10", "12:59:40", "18:00:10", "18:06:30"))
        for op, li0, li1, lo0, lo1 in plan:
            if (day, op) in ABSENT:
                continue
            login = rng.randint(_at(day, li0), _at(day, li1))
            if (day, op) in LATE_LOGIN:
                login = _at(day, LATE_LOGIN[(day, op)])
            logoff = rng.randint(_at(day, lo0), _at(day, lo1))
            if (day, op) in EARLY_LOGOFF:
                logoff = _at(day, EARLY_LOGOFF[(day, op)])
            if day == "2026-11-05" and op in TEAM["Mañana"]:
                logoff = rng.randint(_at(day, "13:00:30"), _at(day, "13:05:50"))
            last = max([e for s, e in busy_by_op.get(op, []) if _day(s) == day] or [0])
            if last and last + 20 > logoff:
                logoff = last + rng.randint(20, 90)
            ext = SEATS.get((day, op), OP_BY_ID[op][2].split(";")[0])
            floor.shifts.append({"day": day, "op": op, "ext": ext, "member": member_name(op, ext),
                                 "login": login, "logoff": logoff})
    # hand pauses
    for day, ops, a, b, reason in HAND_PAUSES:
        for op in ops:
            s = next((s for s in floor.shifts if s["day"] == day and s["op"] == op), None)
            if s is None:
                raise SystemExit(f"pause for {op} on {day} but no shift")
            end = _at(day, b) if b else s["logoff"]
            if s["login"] >= _at(day, a):
                s["login"] = _at(day, a) - rng.randint(25, 200)
            floor.pauses.append({"day": day, "op": op, "start": _at(day, a), "end": end, "reason": reason,
                                 "until_logoff": b is None})
    # random breaks ("Refrigerio"), away from fixed calls, hand pauses and lost calls
    for s in floor.shifts:
        if rng.random() > 0.6:
            continue
        day, op = s["day"], s["op"]
        morning = s["login"] < _at(day, "12:00:00")
        lo, hi = (_at(day, "10:00:00"), _at(day, "11:40:00")) if morning else \
            (_at(day, "15:00:00"), _at(day, "16:40:00"))
        lo, hi = max(lo, s["login"] + 600), min(hi, s["logoff"] - 1500)
        if hi <= lo:
            continue
        for _ in range(20):
            start = rng.randint(lo, hi)
            end = start + rng.randint(600, 900)
            if any(_overlap(start - 60, end + 60, a, b) for a, b in busy_by_op.get(op, [])):
                continue
            if any(p["day"] == day and _overlap(start - 120, end + 120, p["start"], p["end"])
                   for p in floor.pauses):
                continue
            if any(_overlap(start, end, a, b) for a, b in lost_windows):
                continue
            floor.pauses.append({"day": day, "op": op, "start": start, "end": end, "reason": "Refrigerio",
                                 "until_logoff": False})
            break
    floor.pauses.sort(key=lambda p: (p["start"], p["op"]))
    floor.extra_members.append({"ext": OFFHOOK_EXT, "member": f"PJSIP/{OFFHOOK_EXT}",
                                "start": _ep(OFFHOOK_ADD), "end": _ep(OFFHOOK_REMOVE)})
    return floor


def _plan_answered(pc, floor, rng, fixed_wait):
    """Ring attempts of an answered queue call. With fixed_wait the connect time is given
    (transcript/bad/hand calls with a wait); otherwise the wait follows from the attempts."""
    enter, op = pc["enter"], pc["op"]
    s = floor.shift_at(op, enter + (pc["wait"] or 0))
    if s is None:
        raise SystemExit(f"{pc['id']}: {op} not logged in at {_loc(enter)}")
    pc["ext"] = pc["ext"] or s["ext"]
    if pc["ext"] != s["ext"]:
        raise SystemExit(f"{pc['id']}: answered at {pc['ext']} but {op} sits at {s['ext']}")
    member = s["member"]
    attempts = []
    t = enter + 1
    budget = (pc["wait"] - 3) if fixed_wait else 10 ** 6

    def room(sec):
        return (t - enter) + sec + Q_RETRY + 2 <= budget

    if pc.get("hand_pre"):
        for ext, result in pc["hand_pre"]:
            opx = next((x for x in floor.members_at(t) if x[0] == ext), None)
            if opx is None:
                raise SystemExit(f"{pc['id']}: {ext} is not a member at {_loc(t)}")
            a = _attempt(ext, opx[1], opx[2], t, result, rng)
            attempts.append(a)
            t = a["end"] + Q_RETRY
    else:
        # 207 off the hook and 205 faulty are tried first when they count as available
        for ext in (OFFHOOK_EXT, FAULTY_EXT):
            m = next((x for x in floor.members_at(t) if x[0] == ext), None)
            if not m or m[1] == op:
                continue
            res = _member_result(ext, t, rng)
            if res == "noanswer" or not room(ATTEMPT_SECONDS[res]):
                continue
            if not floor.ringable(ext, m[1], t, t + ATTEMPT_SECONDS[res] + 1):
                continue
            a = _attempt(ext, m[1], m[2], t, res, rng)
            attempts.append(a)
            floor.reserve(ext, a["start"], a["end"] + 1, "ring:" + pc["id"])
            t = a["end"] + Q_RETRY
        # sometimes another free operator does not pick up first
        want_rna = rng.random() < (0.45 if fixed_wait else 0.2)
        if want_rna and room(Q_TIMEOUT):
            others = [x for x in floor.members_at(t) if x[1] not in (None, op)
                      and _member_result(x[0], t, rng) == "noanswer"
                      and floor.ringable(x[0], x[1], t, t + Q_TIMEOUT + 1)]
            if others:
                x = rng.choice(others)
                a = _attempt(x[0], x[1], x[2], t, "noanswer", rng)
                attempts.append(a)
                floor.reserve(x[0], a["start"], a["end"] + 1, "ring:" + pc["id"])
                t = a["end"] + Q_RETRY
    if fixed_wait:
        connect = enter + pc["wait"]
        earliest = t
        # the answering operator may have been paused, or finishing a call, when the caller entered
        while earliest < connect and not floor.ringable(pc["ext"], op, earliest, connect,
                                                        ignore="talk:" + pc["id"]):
            earliest += 1
        hi = min(14, connect - earliest)
        if hi < 2:
            raise SystemExit(f"{pc['id']}: no room to ring {op} before {_loc(connect)}")
        ring = pc.get("hand_ring") or rng.randint(2, hi)
        ring = min(ring, hi)
    else:
        ring = pc.get("hand_ring") or rng.randint(2, 12)
        connect = t + ring
        pc["wait"] = connect - enter
    a = _attempt(pc["ext"], op, member, connect - ring, "noanswer", rng)
    a.update(end=connect, result="answered", ms=None)
    attempts.append(a)
    pc["attempts"] = attempts
    pc["connect"] = connect
    if pc["source"] == "hand" and pc["kind"] == "queue":
        pc["end_op"] = connect + pc["hand_dur"]
        pc["hangup"] = pc["end_op"]
        pc["complete"] = "COMPLETECALLER" if rng.random() < 0.65 else "COMPLETEAGENT"


def _simulate_lost(pc, floor, rng, rr):
    """Ring cycles of a call that is never answered; decides ABANDON / EXITWITHTIMEOUT /
    EXITEMPTY / JOINEMPTY from who was logged in, paused, busy or broken."""
    enter = pc["enter"]
    if pc["outcome"] in ("FULL", "JOINEMPTY"):
        if pc["outcome"] == "JOINEMPTY" and floor.members_at(enter):
            raise SystemExit(f"{pc['id']}: JOINEMPTY but members are logged in")
        pc["leave"] = enter
        pc["hangup"] = enter + rng.randint(2, 5)       # hears the "no operators" message
        pc["attempts"] = []
        return
    if not floor.members_at(enter):
        raise SystemExit(f"{pc['id']}: nobody logged in at {_loc(enter)} (use JOINEMPTY)")
    limit = enter + min(pc["patience"], Q_MAXWAIT)
    outcome = "ABANDON" if pc["patience"] < Q_MAXWAIT else "EXITWITHTIMEOUT"
    attempts = []
    t = enter + 1
    while t < limit:
        members = floor.members_at(t)
        if not members:
            outcome, limit = "EXITEMPTY", t
            break
        cands = []
        for ext, op, member in members:
            res = _member_result(ext, t, rng)
            dur = ATTEMPT_SECONDS[res]
            if floor.ringable(ext, op, t, t + max(1, min(dur, limit - t))):
                cands.append((ext, op, member, res))
        if not cands:
            t += 1
            continue
        cands.sort(key=lambda c: (c[0] <= rr.get("last", ""), c[0]))
        ext, op, member, res = cands[0]
        rr["last"] = ext
        a = _attempt(ext, op, member, t, res, rng)
        if a["end"] >= limit:
            a.update(end=limit, result="cancel", ms=None)
        attempts.append(a)
        floor.reserve(ext, a["start"], a["end"] + 1, "ring:" + pc["id"])
        t = a["end"] + Q_RETRY
    pc["attempts"] = attempts
    pc["outcome"] = outcome
    pc["leave"] = limit
    pc["hangup"] = limit
    got = "extension" if attempts else "entry"
    if got != pc["expect"]:
        raise SystemExit(f"{pc['id']}: designed lost at {pc['expect']} but the rings say {got} "
                         f"({[(a['ext'], a['result']) for a in attempts]})")


def _waiting_interval(pc):
    if pc["kind"] != "queue" or pc["outcome"] in ("FULL", "JOINEMPTY"):
        return None
    end = pc["connect"] if pc["outcome"] == "answered" else pc["leave"]
    return (pc["enter"], end)


def _fillers(pbx, floor, rng):
    """Answered queue calls that were not transcribed, a few per day, where an operator is free."""
    out = []
    n = 0
    waits = [(_waiting_interval(p), p["id"]) for p in pbx]
    waits = [(w, i) for w, i in waits if w]
    for day in MONTH_DAYS:
        sat = dt.date.fromisoformat(day).weekday() == 5
        target = {"2026-11-07": 3, "2026-11-28": 3, "2026-11-14": 1, "2026-11-21": 1}.get(day) if sat \
            else rng.randint(3, 5)
        shifts = [s for s in floor.shifts if s["day"] == day]
        lo = min(s["login"] for s in shifts) + 600
        hi = max(s["logoff"] for s in shifts) - 900
        made = 0
        for _ in range(400):
            if made >= target:
                break
            enter = rng.randint(lo, hi)
            if _in_window(enter, FILLER_EXCLUDE):
                continue
            dur = rng.randint(95, 540)
            cands = [s for s in shifts if s["login"] + 30 <= enter and enter + 60 + dur + 60 < s["logoff"]]
            if not cands:
                continue
            s = rng.choice(cands)
            if s["ext"] == FAULTY_EXT and _in_window(enter, FAULTY_WINDOWS):
                continue
            if not floor.ringable(s["ext"], s["op"], enter, enter + 90 + dur + WRAPUP):
                continue
            # first-come first-served: nobody who entered earlier may still be waiting
            if any(w[0] < enter < w[1] + 1 for w, _ in waits):
                continue
            n += 1
            pc = {"id": f"F{n:03d}", "source": "filler", "key": None, "route": "queue", "kind": "queue",
                  "enter": enter, "pinned_seq": None, "uid": None, "caller": _random_number(rng),
                  "clid_name": None, "op": s["op"], "ext": s["ext"], "outcome": "answered", "wait": None,
                  "connect": None, "rec_duration": None, "shift": 0.0, "transfer": None, "ami_holds": [],
                  "pbx_only_hold": None, "transcript": None, "file_name": None}
            snapshot = {k: list(v) for k, v in floor.busy.items()}
            _plan_answered(pc, floor, rng, fixed_wait=False)
            pc["end_op"] = pc["connect"] + dur
            pc["hangup"] = pc["end_op"]
            pc["complete"] = "COMPLETECALLER" if rng.random() < 0.62 else "COMPLETEAGENT"
            if not floor.ringable(s["ext"], s["op"], pc["connect"] - 14, pc["end_op"] + WRAPUP) or \
                    any(w[0] < pc["connect"] and w[1] > enter for w, _ in waits):
                floor.busy = snapshot
                n -= 1
                continue
            if rng.random() < 0.15 and dur > 150:
                h0 = rng.uniform(40, dur - 100)
                pc["ami_holds"] = [[round(h0, 3), round(h0 + rng.uniform(25, 90), 3)]]
            floor.reserve(s["ext"], pc["connect"] - 14, pc["end_op"] + WRAPUP, "talk:" + pc["id"])
            waits.append(((enter, pc["connect"]), pc["id"]))
            out.append(pc)
            made += 1
    return out


def _channels(pc):
    """(time, role, attempt index) of every channel the call creates, in order."""
    ch = [(pc["enter"], "caller", None)]
    for i, a in enumerate(pc.get("attempts", []) if pc["kind"] == "queue" else []):
        if a["member"].startswith("Local/"):
            ch += [(a["start"], "local1", i), (a["start"], "local2", i), (a["start"], "member", i)]
        else:
            ch.append((a["start"], "member", i))
    if pc["kind"] in ("direct", "outbound"):
        ch.append((pc["enter"], "peer", None))
    x = pc.get("transfer")
    if x:
        if x["kind"] == "attended":
            ch += [(x["consult_start"], "consult", None), (x["consult_start"], "target", None)]
        else:
            ch.append((x["at"], "target", None))
    return ch


def _pins(pbx):
    return sorted((pc["enter"], pc["pinned_seq"]) for pc in pbx if pc["pinned_seq"])


def _seq_budget_ok(pbx, extra_times=()):
    """Can every channel get a uniqueid sequence that grows with time and meets the pinned ones?"""
    pins = _pins(pbx)
    items = [(t, 1) for t in extra_times]
    for pc in pbx:
        for t, role, i in _channels(pc):
            items.append((t, 0 if (role == "caller" and pc["pinned_seq"]) else 1))
    items.sort()
    last = FIRST_SEQ - 120
    pi = 0
    for t, kind in items:
        if kind == 0:
            seq = pins[pi][1]
            if seq <= last:
                return False, t
            last = seq
            pi += 1
        else:
            last += 1
            if pi < len(pins) and last >= pins[pi][1]:
                return False, t
    return True, None


def _allocate(pbx, extra_channels, rng):
    """Assign uniqueids (epoch.seq) and channel names in creation order."""
    items = []
    for ci, pc in enumerate(pbx):
        for k, (t, role, i) in enumerate(_channels(pc)):
            pinned = pc["pinned_seq"] if role == "caller" else None
            items.append([t, ci, k, pc, role, i, pinned])
    for k, e in enumerate(extra_channels):
        items.append([e["t"], -1, k, e, "login", None, None])
    items.sort(key=lambda x: (x[0], x[6] is None, x[1], x[2]))
    pin_pos = [n for n, it in enumerate(items) if it[6] is not None]
    last = FIRST_SEQ - 120
    pj, lo = 0x3f2, 0x1c8
    nxt = 0
    for n, it in enumerate(items):
        t, ci, k, obj, role, i, pinned = it
        while nxt < len(pin_pos) and pin_pos[nxt] < n:
            nxt += 1
        if pinned is not None:
            if pinned <= last:
                raise SystemExit(f"seq {pinned} of {obj['id']} not above {last}")
            seq = pinned
        else:
            if nxt < len(pin_pos):
                room = items[pin_pos[nxt]][6] - last - 1
                left = pin_pos[nxt] - n
                slack = room - left
                if slack < 0:
                    raise SystemExit(f"no uniqueid room before {items[pin_pos[nxt]][3]['id']} "
                                     f"at {_loc(t)}")
                step = 1 + (rng.randint(0, min(3, slack // max(1, left))) if slack > 0 else 0)
            else:
                step = 1 + rng.randint(0, 3)
            seq = last + step
        last = seq
        uid = f"{int(t)}.{seq}"
        if role == "login":
            obj["uid"] = uid
            obj["channel"] = f"PJSIP/{obj['ext']}-{pj:08x}"
            pj += 1
            continue
        pc = obj
        if role == "caller":
            if pc["pinned_seq"] and uid != pc["uid"]:
                raise SystemExit(f"{pc['id']}: uniqueid {uid} != {pc['uid']}")
            pc["uid"] = uid
            if pc["kind"] in ("queue", "direct"):
                pc["channel"] = f"PJSIP/trunk-{pj:08x}"
            else:
                pc["channel"] = f"PJSIP/{pc['ext']}-{pj:08x}"
            pj += 1
        elif role == "peer":
            pc["peer_uid"] = uid
            pc["peer_channel"] = (f"PJSIP/trunk-{pj:08x}" if pc["kind"] == "outbound"
                                  else f"PJSIP/{pc['ext']}-{pj:08x}")
            pj += 1
        elif role == "local1":
            a = pc["attempts"][i]
            a["local"] = f"Local/{a['ext']}@from-queue-{lo:08x}"
            a["local1_uid"] = uid
            lo += 1
        elif role == "local2":
            pc["attempts"][i]["local2_uid"] = uid
        elif role == "member":
            a = pc["attempts"][i]
            a["chan"] = f"PJSIP/{a['ext']}-{pj:08x}"
            a["chan_uid"] = uid
            pj += 1
        elif role == "consult":
            pc["transfer"]["consult_uid"] = uid
            pc["transfer"]["consult_chan"] = f"PJSIP/{pc['ext']}-{pj:08x}"
            pj += 1
        elif role == "target":
            pc["transfer"]["target_uid"] = uid
            pc["transfer"]["target_chan"] = f"PJSIP/{pc['transfer']['target']}-{pj:08x}"
            pj += 1


def build_pbx(calls):
    """The month as the PBX saw it. Returns a dict with the calls and floor events."""
    rng = random.Random("callqa-pbx")
    pbx = _transcript_pbx_calls(calls) + _hand_calls()
    # caller numbers of PBX-only calls
    nrng = random.Random("callqa-pbx-numbers")
    for pc in pbx:
        if pc["caller"] is None:
            pc["caller"] = _random_number(nrng)
    floor = _build_floor(pbx, random.Random("callqa-pbx-floor"))
    # talk time of every answered call with a known end reserves the extension
    for pc in pbx:
        if pc["outcome"] == "answered" and pc.get("end_op") and pc["kind"] != "internal":
            ext = pc["ext"] or floor.shift_at(pc["op"], pc["enter"])["ext"]
            floor.reserve(ext, pc["connect"] - 14, pc["end_op"] + WRAPUP, "talk:" + pc["id"])
            if pc["kind"] == "queue":
                s = floor.shift_at(pc["op"], pc["connect"])
                if not s or s["logoff"] < pc["end_op"]:
                    raise SystemExit(f"{pc['id']}: outside {pc['op']}'s shift")
                if floor.paused(pc["op"], pc["connect"], pc["end_op"]):
                    raise SystemExit(f"{pc['id']}: {pc['op']} paused during the call")
        elif pc["kind"] == "internal":
            floor.reserve(pc["ext"], pc["enter"], pc["end_op"], "talk:" + pc["id"])
    # hand queue calls without a fixed end reserve after planning; plan every queue call in order
    rr = {}
    prng = random.Random("callqa-pbx-plan")
    for pc in sorted(pbx, key=lambda p: (p["enter"], p["id"])):
        if pc["kind"] != "queue":
            if pc["kind"] == "direct" and pc["outcome"] == "answered":
                pc["attempts"] = [{"ext": pc["ext"], "op": pc["op"], "member": f"PJSIP/{pc['ext']}",
                                   "start": pc["enter"], "end": pc["connect"], "result": "answered",
                                   "ms": None}]
            elif pc["kind"] == "direct":
                pc["attempts"] = [{"ext": pc["ext"], "op": None, "member": f"PJSIP/{pc['ext']}",
                                   "start": pc["enter"], "end": pc["leave"], "result": "cancel", "ms": None}]
            else:
                pc["attempts"] = []
            continue
        if pc["outcome"] == "answered":
            fixed = pc["wait"] is not None
            _plan_answered(pc, floor, prng, fixed_wait=fixed)
            if pc["source"] == "hand":
                floor.reserve(pc["ext"], pc["connect"] - 14, pc["end_op"] + WRAPUP, "talk:" + pc["id"])
        else:
            _simulate_lost(pc, floor, prng, rr)
    login_times = [s["login"] for s in floor.shifts if MEMBER_STYLE[s["op"]] == "agent"]
    fillers = _fillers(pbx, floor, random.Random("callqa-pbx-fillers"))
    # keep only the fillers that leave room for the pinned uniqueids
    kept = []
    for f in fillers:
        ok, _ = _seq_budget_ok(pbx + kept + [f], login_times)
        if ok:
            kept.append(f)
    pbx += kept
    ok, where = _seq_budget_ok(pbx, login_times)
    if not ok:
        raise SystemExit(f"uniqueid sequence cannot fit near {_loc(where)}")
    # names: the first untranscribed call of a day gets the name with a comma
    for pc in sorted(pbx, key=lambda p: p["enter"]):
        if pc["source"] == "filler" and _day(pc["enter"]) == COMMA_NAME[0]:
            pc["clid_name"] = COMMA_NAME[1]
            break
    # positions in the queue
    waits = [(p, _waiting_interval(p)) for p in pbx]
    waits = [(p, w) for p, w in waits if w]
    for pc in pbx:
        if pc["kind"] != "queue":
            continue
        ahead = [p for p, w in waits if p is not pc and (w[0], p["id"]) < (pc["enter"], pc["id"])
                 and w[1] > pc["enter"]]
        if pc["outcome"] == "FULL":
            if len(ahead) < Q_MAXLEN:
                raise SystemExit(f"{pc['id']}: FULL with only {len(ahead)} waiting")
            continue
        if pc["outcome"] == "JOINEMPTY":
            continue
        if len(ahead) >= Q_MAXLEN:
            raise SystemExit(f"{pc['id']}: entered with {len(ahead)} waiting (should be FULL)")
        pc["origpos"] = len(ahead) + 1
        if pc["outcome"] != "answered":
            pc["pos"] = 1 + sum(1 for p in ahead if _waiting_interval(p)[1] > pc["leave"])
    # agent-login channels (op06 logs in as Agent/206)
    logins = []
    for s in floor.shifts:
        if MEMBER_STYLE[s["op"]] == "agent":
            e = {"id": "login:" + s["day"] + s["op"], "t": s["login"], "ext": s["ext"], "shift": s}
            s["login_obj"] = e
            logins.append(e)
    pbx.sort(key=lambda p: (p["enter"], p["id"]))
    _allocate(pbx, logins, random.Random("callqa-pbx-seq"))
    # who hung up, holds for direct/outbound: none; handle times
    for pc in pbx:
        if pc["outcome"] == "answered":
            pc["handle"] = pc["end_op"] - pc["connect"]
    return {"calls": pbx, "floor": floor, "fillers_dropped": len(fillers) - len(kept)}


# ---- writers ------------------------------------------------------------------------------

def _qlog_lines(model):
    ev = []   # (epoch, order, line)
    order = [0]

    def add(t, callid, queue, agent, event, *data):
        order[0] += 1
        ev.append((int(t), order[0], "|".join([str(int(t)), callid, queue, agent, event] +
                                              [str(d) for d in data])))

    floor = model["floor"]
    add(_ep("2026-11-01 04:00:12"), "NONE", "NONE", "NONE", "QUEUESTART", "")
    add(_ep("2026-11-16 07:41:09"), "NONE", "NONE", "NONE", "CONFIGRELOAD", "")
    for s in floor.shifts:
        if MEMBER_STYLE[s["op"]] == "agent":
            lo = s["login_obj"]
            add(s["login"], lo["uid"], "NONE", s["member"], "AGENTLOGIN", lo["channel"])
            add(s["logoff"], lo["uid"], "NONE", s["member"], "AGENTLOGOFF", lo["channel"],
                s["logoff"] - s["login"])
        else:
            add(s["login"], "NONE", QUEUE, s["member"], "ADDMEMBER", "")
            add(s["logoff"], "NONE", QUEUE, s["member"], "REMOVEMEMBER", "")
    for p in floor.pauses:
        s = next(s for s in floor.shifts if s["day"] == p["day"] and s["op"] == p["op"])
        add(p["start"], "NONE", QUEUE, s["member"], "PAUSE", p["reason"])
        if not p["until_logoff"]:
            add(p["end"], "NONE", QUEUE, s["member"], "UNPAUSE", "")
    add(_ep(OFFHOOK_ADD), "NONE", QUEUE, f"PJSIP/{OFFHOOK_EXT}", "ADDMEMBER", "")
    add(_ep(OFFHOOK_REMOVE), "NONE", QUEUE, f"PJSIP/{OFFHOOK_EXT}", "REMOVEMEMBER", "")
    for pc in model["calls"]:
        if pc["kind"] != "queue":
            continue
        uid = pc["uid"]
        if pc["outcome"] == "FULL":
            add(pc["enter"], uid, QUEUE, "NONE", "FULL", "")
            continue
        if pc["outcome"] == "JOINEMPTY":
            add(pc["enter"], uid, QUEUE, "NONE", "JOINEMPTY", "")
            continue
        add(pc["enter"], uid, QUEUE, "NONE", "ENTERQUEUE", "", pc["caller"], pc["origpos"])
        for a in pc["attempts"]:
            if a["result"] in ("noanswer", "busy", "failed", "congestion"):
                add(a["end"], uid, QUEUE, a["member"], "RINGNOANSWER", a["ms"])
            elif a["result"] == "answered":
                agent_uid = a.get("local1_uid") or a["chan_uid"]
                add(a["end"], uid, QUEUE, a["member"], "CONNECT", pc["wait"], agent_uid, a["end"] - a["start"])
        if pc["outcome"] == "answered":
            m = pc["attempts"][-1]["member"]
            calltime = pc["end_op"] - pc["connect"]
            x = pc["transfer"]
            if x and x["kind"] == "blind":
                add(pc["end_op"], uid, QUEUE, m, "BLINDTRANSFER", x["target"], "from-internal-xfer",
                    pc["wait"], calltime, pc["origpos"])
            elif x:
                add(pc["end_op"], uid, QUEUE, m, "ATTENDEDTRANSFER", "BRIDGE", x["bridge"],
                    pc["wait"], calltime, pc["origpos"])
            else:
                add(pc["end_op"], uid, QUEUE, m, pc["complete"], pc["wait"], calltime, pc["origpos"])
        else:
            add(pc["leave"], uid, QUEUE, "NONE", pc["outcome"], pc["pos"], pc["origpos"],
                pc["leave"] - pc["enter"])
    ev.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in ev]


def _clid(pc):
    if pc["kind"] in ("outbound", "internal"):
        return None
    name = pc.get("clid_name") or pc["caller"]
    return f'"{name}" <{pc["caller"]}>'


DISPOSITION = {"answered": "ANSWERED", "noanswer": "NO ANSWER", "cancel": "NO ANSWER",
               "busy": "BUSY", "failed": "FAILED", "congestion": "CONGESTION"}


def _cdr_rows(model):
    """Rows of Master.csv: (dispatch time, creation time, order, fields)."""
    rows = []
    order = [0]

    def row(created, dispatch, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata,
            start, answer, end, disposition, uid, linkedid):
        order[0] += 1
        billsec = (end - answer) if answer is not None else 0
        rows.append([dispatch, created, order[0], {
            "accountcode": "", "src": src, "dst": dst, "dcontext": dcontext, "clid": clid,
            "channel": channel, "dstchannel": dstchannel, "lastapp": lastapp, "lastdata": lastdata,
            "start": start, "answer": answer, "end": end, "duration": end - start, "billsec": billsec,
            "disposition": disposition, "amaflags": "DOCUMENTATION", "uniqueid": uid, "userfield": "",
            "peeraccount": "", "linkedid": linkedid}])

    for pc in model["calls"]:
        uid, clid = pc["uid"], _clid(pc)
        done = pc["hangup"]
        if pc["kind"] == "internal":
            row(pc["enter"], done, pc["ext"], "8000", "from-internal", f'"{pc["clid_name"]}" <{pc["ext"]}>',
                pc["channel"], "", "ConfBridge", "8000,,,", pc["enter"], pc["connect"], pc["end_op"],
                "ANSWERED", uid, uid)
            continue
        if pc["kind"] == "outbound":
            opname = " ".join(OP_BY_ID[pc["op"]][1].split()[:2])
            row(pc["enter"], done, pc["ext"], pc["caller"], "from-internal", f'"{opname}" <{pc["ext"]}>',
                pc["channel"], pc["peer_channel"], "Dial", f"PJSIP/{pc['caller']}@trunk,300,T",
                pc["enter"], pc["connect"], pc["end_op"], "ANSWERED", uid, uid)
            continue
        if pc["kind"] == "direct":
            a = pc["attempts"][0]
            ans = pc["connect"] if pc["outcome"] == "answered" else None
            end = pc["end_op"] if ans else pc["leave"]
            row(pc["enter"], done, pc["caller"], pc["ext"], "from-did-direct", clid, pc["channel"],
                pc["peer_channel"], "Dial", f"PJSIP/{pc['ext']},{DIRECT_RING},HhTtr", pc["enter"], ans, end,
                DISPOSITION[a["result"]], uid, uid)
            continue
        # queue calls
        for a in pc.get("attempts", []):
            local = a["member"].startswith("Local/")
            dstchan = a["local"] + ";1" if local else a["chan"]
            ans = a["end"] if a["result"] == "answered" else None
            end = pc["end_op"] if ans else a["end"]
            disp = DISPOSITION[a["result"]]
            row(a["start"], done, pc["caller"], QUEUE, "ext-queues", clid, pc["channel"], dstchan, "Queue",
                QUEUE_LASTDATA, pc["enter"], ans, end, disp, uid, uid)
            if local:
                row(a["start"], done, pc["caller"], a["ext"], "from-queue", clid, a["local"] + ";2", a["chan"],
                    "Dial", f"PJSIP/{a['ext']},,HhtrM(auto-blkvm)", a["start"], ans, end, disp,
                    a["local2_uid"], uid)
        if pc["outcome"] != "answered":
            row(pc["enter"], done, pc["caller"], QUEUE, "ext-queues", clid, pc["channel"], "", "Queue",
                QUEUE_LASTDATA, pc["enter"], None, pc["hangup"], "NO ANSWER", uid, uid)
            continue
        x = pc["transfer"]
        if x and x["kind"] == "blind":
            row(x["at"], done, pc["caller"], x["target"], "from-internal-xfer", clid, pc["channel"],
                x["target_chan"], "Dial", f"PJSIP/{x['target']},,HhTtr", x["at"], x["target_answer"],
                pc["hangup"], "ANSWERED", uid, uid)
        elif x:
            opname = " ".join(OP_BY_ID[pc["op"]][1].split()[:2])
            row(x["consult_start"], x["at"], pc["ext"], x["target"], "from-internal",
                f'"{opname}" <{pc["ext"]}>', x["consult_chan"], x["target_chan"], "Dial",
                f"PJSIP/{x['target']},,HhTtr", x["consult_start"], x["target_answer"], x["at"], "ANSWERED",
                x["consult_uid"], x["consult_uid"])
            row(x["at"], done, pc["caller"], x["target"], "from-internal-xfer", clid, pc["channel"],
                x["target_chan"], "AttendedTransfer", "", x["at"], x["at"], pc["hangup"], "ANSWERED", uid, uid)
    # CDR sequence numbers follow creation; the file follows dispatch (when the call ended)
    rows.sort(key=lambda r: (r[1], r[2]))
    for n, r in enumerate(rows):
        r[3]["sequence"] = 3301 + n
    rows.sort(key=lambda r: (r[0], r[3]["sequence"]))
    return [r[3] for r in rows]


def _csv_quote(s):
    return '"' + str(s).replace('"', '""') + '"'


def _cdr_line(r):
    parts = []
    for k in ("accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp",
              "lastdata"):
        parts.append(_csv_quote(r[k]))
    for k in ("start", "answer", "end"):
        parts.append(_csv_quote(_loc(r[k])) if r[k] is not None else "")
    parts += [str(r["duration"]), str(r["billsec"])]
    for k in ("disposition", "amaflags", "uniqueid", "userfield", "peeraccount", "linkedid"):
        parts.append(_csv_quote(r[k]))
    parts.append(str(r["sequence"]))
    return ",".join(parts)


def _ami_visible(ts):
    """False while the AMI listener was disconnected."""
    return not (_ep(AMI_OUTAGE[0]) <= ts < _ep(AMI_OUTAGE[1]))


def _ami_blocks(model):
    rng = random.Random("callqa-pbx-ami")
    out = []   # (timestamp, order, [lines])
    order = [0]

    def snap(pc, state, context, exten):
        name = pc.get("clid_name") or pc["caller"]
        st = {0: "Down", 4: "Ring", 6: "Up"}[state]
        if state == 6 and pc["op"]:
            cnum, cname = pc["ext"], " ".join(OP_BY_ID[pc["op"]][1].split()[:2])
        else:
            cnum = cname = "<unknown>"
        return [f"Channel: {pc['channel']}", f"ChannelState: {state}", f"ChannelStateDesc: {st}",
                f"CallerIDNum: {pc['caller']}", f"CallerIDName: {name}",
                f"ConnectedLineNum: {cnum}", f"ConnectedLineName: {cname}", "Language: es", "AccountCode: ", f"Context: {context}", f"Exten: {exten}", "Priority: 1",
                f"Uniqueid: {pc['uid']}", f"Linkedid: {pc['uid']}"]

    def ev(ts, name, priv, lines):
        order[0] += 1
        out.append((ts, order[0], [f"Event: {name}", f"Privilege: {priv}", f"Timestamp: {ts:.6f}"] + lines))

    for pc in model["calls"]:
        if pc["kind"] not in ("queue", "direct"):
            continue
        ctx, exten = ("ext-queues", QUEUE) if pc["kind"] == "queue" else ("from-did-direct", pc["ext"])
        t0 = pc["enter"] + rng.uniform(0.002, 0.09)
        ev(t0, "Newchannel", "call,all", snap(pc, 0, "from-pstn", DID))
        if pc["kind"] == "queue" and pc["outcome"] not in ("FULL", "JOINEMPTY"):
            ev(t0 + rng.uniform(0.05, 0.3), "QueueCallerJoin", "agent,all",
               snap(pc, 4, ctx, exten) + [f"Queue: {QUEUE}", f"Position: {pc['origpos']}",
                                          f"Count: {pc['origpos']}"])
            if pc["outcome"] == "answered":
                ev(pc["connect"] + rng.uniform(0.01, 0.2), "QueueCallerLeave", "agent,all",
                   snap(pc, 6, ctx, exten) + [f"Queue: {QUEUE}", "Position: 1", "Count: 0"])
            else:
                tl = pc["leave"] + rng.uniform(0.01, 0.2)
                if pc["outcome"] == "ABANDON":
                    ev(tl, "QueueCallerAbandon", "agent,all",
                       snap(pc, 4, ctx, exten) + [f"Queue: {QUEUE}", f"Position: {pc['pos']}",
                                                  f"OriginalPosition: {pc['origpos']}",
                                                  f"HoldTime: {pc['leave'] - pc['enter']}"])
                ev(tl + 0.001, "QueueCallerLeave", "agent,all",
                   snap(pc, 4, ctx, exten) + [f"Queue: {QUEUE}", f"Position: {pc['pos']}", "Count: 0"])
        for h0, h1 in pc.get("ami_holds", []):
            h0, h1 = h0 + rng.uniform(0, 0.0009), h1 + rng.uniform(0, 0.0009)
            ev(pc["connect"] + h0, "Hold", "call,all", snap(pc, 6, ctx, exten) + ["MusicClass: default"])
            ev(pc["connect"] + h1, "Unhold", "call,all", snap(pc, 6, ctx, exten))
        state = 6 if pc["outcome"] == "answered" else 4
        ev(pc["hangup"] + rng.uniform(0.01, 0.4), "Hangup", "call,all",
           snap(pc, state, ctx, exten) + ["Cause: 16", "Cause-txt: Normal Clearing"])
    out.sort(key=lambda e: (e[0], e[1]))
    a, b = _ep(AMI_OUTAGE[0]), _ep(AMI_OUTAGE[1])
    assert all(_ami_visible(ts) == (not a <= ts < b) for ts, _, _ in out)
    login = ["Response: Success", "Message: Authentication accepted"]
    text = [AMI_BANNER, "\n".join(login), "\n".join(["Event: FullyBooted", "Privilege: system,all",
                                                     f"Timestamp: {_ep('2026-11-01 04:00:20') + 0.412877:.6f}",
                                                     "Uptime: 8", "LastReload: 8", "Status: Fully Booted"])]
    reconnected = False
    for ts, _, lines in out:
        if a <= ts < b:
            continue
        if ts >= b and not reconnected:
            reconnected = True
            text += [AMI_BANNER, "\n".join(login),
                     "\n".join(["Event: FullyBooted", "Privilege: system,all", f"Timestamp: {b + 0.207311:.6f}",
                                f"Uptime: {b - _ep('2026-11-01 04:00:12')}",
                                f"LastReload: {b - _ep('2026-11-16 07:41:09')}", "Status: Fully Booted"])]
        text.append("\n".join(lines))
    # the banner is a line of its own; every block ends with an empty line
    body = text[0] + "\n"
    for blk in text[1:]:
        if blk == AMI_BANNER:
            body += blk + "\n"
        else:
            body += blk + "\n\n"
    return body


# ---- answer keys --------------------------------------------------------------------------

def _r(x, places):
    from decimal import Decimal, ROUND_HALF_UP
    q = Decimal(1).scaleb(-places)
    return str(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def _offered(pc):
    return pc["kind"] == "queue" or (pc["kind"] == "direct")


def lines_review(model):
    """Rows of sample_lines_expected.csv computed from the PBX call list."""
    by_day = {}
    for pc in model["calls"]:
        if not _offered(pc):
            continue
        by_day.setdefault(_day(pc["enter"]), []).append(pc)

    def stats(label, cs):
        ans = [c for c in cs if c["outcome"] == "answered"]
        lost = [c for c in cs if c["outcome"] != "answered"]
        at_ext = [c for c in lost if c.get("attempts")]
        waits = sorted(c["wait"] for c in ans)
        n = len(ans)
        p90 = waits[math.ceil(0.9 * n) - 1] if n else None
        return {
            "date": label, "offered": len(cs), "answered": n, "lost": len(lost),
            "lost_at_entry": len(lost) - len(at_ext), "lost_at_extension": len(at_ext),
            "lost_rate": _r(len(lost) / len(cs), 4),
            "service_level": _r(sum(1 for w in waits if w <= SL_SECONDS) / n, 4) if n else "",
            "avg_wait_s": _r(sum(waits) / n, 1) if n else "",
            "p90_wait_s": _r(float(p90), 1) if n else "",
            "avg_handle_s": _r(sum(c["handle"] for c in ans) / n, 1) if n else "",
        }

    rows = [stats(d, by_day[d]) for d in sorted(by_day)]
    rows.append(stats("2026-11", [c for d in sorted(by_day) for c in by_day[d]]))
    return rows


def extension_review(model):
    """Rows of sample_pbx_expected.csv: what the PBX did with each member extension."""
    stats = {e: {"rings_unanswered": 0, "busy": 0, "failed": 0, "handled": 0} for e in MEMBER_EXTS}
    busy_free = {}      # (ext, day) -> BUSY legs with no call in progress on the extension
    failed_day = {}
    long_leg = set()
    in_progress = {}
    for pc in model["calls"]:
        if pc["outcome"] == "answered" and pc["ext"]:
            in_progress.setdefault(pc["ext"], []).append((pc["enter"], pc["end_op"]))
    for pc in model["calls"]:
        if pc["kind"] == "internal" and pc["end_op"] - pc["connect"] >= LONG_LEG_S:
            long_leg.add(pc["ext"])
        for a in pc.get("attempts", []):
            e = a["ext"]
            if e not in stats:
                continue
            r = a["result"]
            if r in ("noanswer", "cancel"):
                stats[e]["rings_unanswered"] += 1
            elif r == "busy":
                stats[e]["busy"] += 1
                if not any(s <= a["start"] <= t for s, t in in_progress.get(e, [])):
                    busy_free[(e, _day(a["start"]))] = busy_free.get((e, _day(a["start"])), 0) + 1
            elif r in ("failed", "congestion"):
                stats[e]["failed"] += 1
                failed_day[(e, _day(a["start"]))] = failed_day.get((e, _day(a["start"])), 0) + 1
            elif r == "answered":
                stats[e]["handled"] += 1
    rows = []
    for e in MEMBER_EXTS:
        s = stats[e]
        off = e in long_leg or any(n >= OFFHOOK_MIN_BUSY for (x, d), n in busy_free.items() if x == e)
        faulty = any(n >= FAULTY_MIN_FAILED for (x, d), n in failed_day.items() if x == e)
        suspect = "off_hook" if off else ("faulty" if faulty else "")
        rows.append({"extension": e, **s, "suspect": suspect})
    return rows


def verify_pbx(calls, model):
    problems = []
    by_uid = {pc["uid"]: pc for pc in model["calls"]}
    exts = {o[0]: o[2].split(";") for o in OPERATORS}
    for c in calls:
        pc = by_uid.get(c["uniqueid"])
        if c["key"] == NO_PBX_KEY:
            if pc:
                problems.append(f"{c['key']}: should have no PBX record")
            continue
        if pc is None:
            problems.append(f"{c['key']}: missing from the PBX")
            continue
        if c["file_name"].startswith("q-600-") and pc["kind"] != "queue":
            problems.append(f"{c['key']}: q-600 file but not a queue call")
        if pc["ext"] != c["extension"] or pc["ext"] not in exts[c["operator_id"]]:
            problems.append(f"{c['key']}: extension {pc['ext']} vs {c['extension']}")
        if pc["connect"] != c["epoch"] + c["queue_wait_s"]:
            problems.append(f"{c['key']}: connect time")
        if c["transfer"]["kind"] == "none":
            want = round(c["duration_s"] + pc["shift"])
            if pc["end_op"] - pc["connect"] != want:
                problems.append(f"{c['key']}: length {pc['end_op'] - pc['connect']} vs {want}")
    floor = model["floor"]
    for p in floor.pauses:
        s = next(s for s in floor.shifts if s["day"] == p["day"] and s["op"] == p["op"])
        if not (s["login"] < p["start"] < p["end"] <= s["logoff"]):
            problems.append(f"pause of {p['op']} on {p['day']} outside the shift")
    for pc in model["calls"]:
        for a in pc.get("attempts", []):
            if pc["kind"] == "queue" and a["op"]:
                s = floor.shift_at(a["op"], a["start"])
                if not s or s["ext"] != a["ext"] or a["end"] > s["logoff"] or \
                        (a["result"] != "answered" and floor.paused(a["op"], a["start"], a["end"])):
                    problems.append(f"{pc['id']}: {a['ext']} rung outside its shift or paused")
        if pc["kind"] == "queue" and pc["outcome"] == "answered":
            if pc["attempts"][-1]["result"] != "answered" or pc["attempts"][-1]["end"] != pc["connect"]:
                problems.append(f"{pc['id']}: last attempt is not the answer")
            if pc["connect"] - pc["enter"] != pc["wait"]:
                problems.append(f"{pc['id']}: wait")
        for a, b in zip(pc.get("attempts", []), pc.get("attempts", [])[1:]):
            if b["start"] < a["end"]:
                problems.append(f"{pc['id']}: overlapping attempts")
    return problems


def pbx_facts(calls, model):
    """Numbers and lists shared by the README section and the summary."""
    by_key = {c["key"]: c for c in calls}
    pcs = model["calls"]
    qlog = _qlog_lines(model)
    cdr = _cdr_rows(model)
    ami = _ami_blocks(model)
    n_ami = sum(1 for b in ami.split("\n\n") if b.strip().splitlines()[-1:] and "Event:" in b)
    lost = [p for p in pcs if _offered(p) and p["outcome"] != "answered"]
    causes = {}
    for p in lost:
        cause = "NO ANSWER (llamada directa)" if p["kind"] == "direct" else p["outcome"]
        d = causes.setdefault(cause, {"entry": 0, "extension": 0})
        d["extension" if p.get("attempts") else "entry"] += 1
    ami_hold_keys = [p["key"] for p in pcs if p["source"] == "transcript" and not p["pbx_only_hold"]
                     and any(_ami_visible(p["connect"] + h0) for h0, h1 in p["ami_holds"])]
    no_ami = [c["key"] for c in calls if c["holds"] and c["key"] not in ami_hold_keys]
    month = lines_review(model)[-1]
    ext = extension_review(model)
    untranscribed = sum(1 for p in pcs if p["source"] in ("filler", "hand") and p["kind"] == "queue"
                        and p["outcome"] == "answered")
    rna_transcripts = sorted(p["key"] for p in pcs if p["source"] == "transcript" and p["kind"] == "queue"
                             and any(a["result"] != "answered" for a in p["attempts"]))
    return {"by_key": by_key, "qlog": len(qlog), "cdr": len(cdr), "ami": n_ami, "lost": lost,
            "causes": causes, "ami_hold_keys": ami_hold_keys, "no_ami": no_ami, "month": month,
            "ext": ext, "untranscribed": untranscribed, "rna_transcripts": rna_transcripts}


def _pbx_only_hold_call(model):
    return next(p for p in model["calls"] if p["pbx_only_hold"])


def readme_pbx_lines(calls, model):
    f = pbx_facts(calls, model)
    by_key = f["by_key"]
    m = f["month"]
    L = ["## Registros de la central telefónica (`pbx/`)", "",
         "La central (Asterisk con FreePBX) dejó tres registros del mismo mes, coherentes con las",
         "transcripciones. Las cifras de esta sección las calcula el script a partir de su propia lista",
         "de llamadas, no leyendo los archivos.", "",
         "| archivo | formato | tamaño |", "|---|---|---|",
         f"| `pbx/queue_log` | nativo `epoch\\|callid\\|cola\\|agente\\|EVENTO\\|datos...`, segundos epoch (UTC), "
         f"ordenado por tiempo | {f['qlog']} líneas |",
         "| `pbx/Master.csv` | CDR de `cdr_csv`, 21 columnas sin cabecera: `accountcode, src, dst, dcontext, "
         "clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, "
         "amaflags, uniqueid, userfield, peeraccount, linkedid, sequence`; textos entre comillas (las comillas "
         "internas se duplican), números sin comillas, `answer` vacío si nadie contestó; horas locales de "
         f"Lima; UTF-8; ordenado por el momento en que terminó la llamada | {f['cdr']} filas |",
         "| `pbx/ami.log` | registro de un cliente AMI (`timestampevents=yes`): cabecera "
         "`Asterisk Call Manager/5.0.1`, luego bloques `Clave: valor` separados por una línea en blanco "
         f"| {f['ami']} eventos |", "",
         "### Cómo se enlazan con las transcripciones", "",
         "- El `uniqueid` de la grabación es el `callid` de `queue_log`, el `uniqueid` y el `linkedid` de los",
         "  tramos del llamante en el CDR y el `Uniqueid`/`Linkedid` de los eventos AMI. Los tramos de los",
         "  anexos (`Local/...;2`) tienen su propio `uniqueid` y el `linkedid` del llamante.",
         "- `ENTERQUEUE` es la entrada de la llamada (la hora del nombre del archivo); `CONNECT` llega",
         "  `queue_wait_s` segundos después y es el segundo 0 de la grabación (su `holdtime` es esa espera);",
         "  `COMPLETECALLER`/`COMPLETEAGENT` traen como `calltime` la duración de la grabación redondeada al",
         "  segundo, igual al `billsec` del tramo contestado en el CDR.",
         "- Transferencias: `BLINDTRANSFER|<anexo>|from-internal-xfer|...` o",
         "  `ATTENDEDTRANSFER|BRIDGE|<id del bridge>|...` en el momento en que el operador sale de la llamada",
         "  (su `calltime`); el CDR sigue con un tramo del llamante hacia el anexo destino (230, 240, 241 o",
         "  250) y, en la atendida, con el tramo de consulta del operador (uniqueid propio).",
         "- Pasan por la cola 600 las llamadas `q-600-...` y las de nombre `<uniqueid>.json`; las `exten-` y",
         "  `external-` (llamada directa al anexo, contexto `from-did-direct`) y `out-` (devolución de llamada,",
         "  `from-internal`) están solo en el CDR (las directas también en AMI), no en `queue_log`.",
         "- El `clid` es `\"nombre\" <número>`; casi siempre el nombre es el mismo número. Hay nombres con tilde",
         "  (`\"Rocío Valverde\"`) y uno con coma (`\"Pérez, Ana\"`).", "",
         "### La cola 600", "",
         "- `strategy=rrmemory`, `timeout=15`: un anexo timbra 15 s y deja `RINGNOANSWER|15000`; `retry=5`;",
         "  `wrapuptime=10`; `maxlen=4`: con cuatro llamadas esperando, la siguiente recibe `FULL`;",
         "  `Queue(600,tr,,,300)`: el llamante oye timbre (el canal no se contesta hasta que contesta un",
         "  operador) y a los 300 s sale con `EXITWITHTIMEOUT`; sin miembros conectados: `JOINEMPTY` al",
         "  entrar, `EXITEMPTY` durante la espera.",
         "- `RINGNOANSWER|0`: el anexo dio ocupado (`BUSY` en el CDR); `RINGNOANSWER|1000` o `|2000`: falla",
         "  (`FAILED`/`CONGESTION`). Si el llamante cuelga mientras timbra un anexo no queda `RINGNOANSWER`:",
         "  ese timbre solo aparece en el CDR como tramo `NO ANSWER`.",
         "- `app_queue` no escribe nada cuando rechaza una llamada (`FULL`, `JOINEMPTY`): esas líneas las",
         "  escribe el dialplan con `QueueLog()` y no van precedidas de `ENTERQUEUE`.",
         "- Las esperas en línea aparecen en AMI como `Event: Hold` / `Event: Unhold` sobre el canal del",
         "  llamante (`PJSIP/trunk-...`, `MusicClass: default`), con la hora absoluta (`Timestamp`).", "",
         "| anexo | quién | agente en `queue_log` | canal en el CDR |", "|---|---|---|---|"]
    for o in OPERATORS:
        for e in o[2].split(";"):
            if e not in MEMBER_EXTS:
                continue
            style = MEMBER_STYLE[o[0]]
            cdrch = (f"`Local/{e}@from-queue-...;1` / `;2` → `PJSIP/{e}-...`" if style == "local"
                     else f"`PJSIP/{e}-...`")
            L.append(f"| {e} | {o[0]} {o[1]} | `{member_name(o[0], e)}` | {cdrch} |")
    L.append(f"| {OFFHOOK_EXT} | puesto de reserva (sin operador) | `PJSIP/{OFFHOOK_EXT}` | "
             f"`PJSIP/{OFFHOOK_EXT}-...` |")
    L += ["",
          "op03 trabajó el 06/11 desde su segundo anexo (213). op06 entra como agente: `AGENTLOGIN`/`AGENTLOGOFF`",
          "en lugar de `ADDMEMBER`/`REMOVEMEMBER` (el teléfono sigue siendo `PJSIP/206`).", "",
          "Turnos: mañana (op01–op03) 8:00–13:00, tarde (op04–op06) 13:00–18:00; los sábados, 8:00–13:00 el",
          "turno mañana y un operador de la tarde por rotación (07/11 op04, 14/11 op05, 21/11 op06, 28/11",
          "op04). Pausas con motivo (`PAUSE|Refrigerio`, `Reunión de equipo` los lunes de 8:00 a 8:15,",
          "`Pausa activa`, `Capacitación`, `Backoffice`, `Soporte técnico`, `Cierre de turno`). `QUEUESTART`",
          "el 01/11 a las 04:00 (reinicio programado) y `CONFIGRELOAD` el 16/11 a las 07:41.", "",
          "### Transcripciones y central", ""]
    j4 = by_key[NO_PBX_KEY]
    L.append(f"- **Sin ningún registro en la central**: {NO_PBX_KEY} `transcripts/{j4['path']}` "
             f"(op06, {j4['start_local'][:16].replace('T', ' ')}); su uniqueid no aparece en ningún archivo de `pbx/`.")
    holds_txt = ", ".join(f"{k} ({len(by_key[k]['holds'])})" for k in f["ami_hold_keys"])
    L.append(f"- **Esperas con `Hold`/`Unhold` en AMI** ({len(f['ami_hold_keys'])} llamadas, entre paréntesis el "
             f"número de esperas): {holds_txt}. Cada `Hold` cae dentro del silencio de la transcripción "
             "(la tecla se pulsa un poco después de la última palabra y se suelta un poco antes de la siguiente).")
    muted, outage = AMI_MUTED_KEY, [k for k in f["no_ami"] if k != AMI_MUTED_KEY]
    L.append(f"- **Esperas sin evento AMI**: {muted} `{by_key[muted]['file_name']}` (el operador silenció el "
             "micrófono en vez de usar la tecla de espera: hay `Newchannel` y `Hangup` pero no `Hold`) y "
             + ", ".join(f"{k} `{by_key[k]['file_name']}`" for k in outage)
             + f" (el cliente AMI estuvo desconectado el 23/11 de {AMI_OUTAGE[0][11:16]} a "
               f"{AMI_OUTAGE[1][11:16]}: no hay ningún evento en ese lapso y la cabecera reaparece al reconectarse).")
    p = _pbx_only_hold_call(model)
    c = by_key[p["key"]]
    t7 = c["turns"][PBX_ONLY_HOLD["after_turn"]]["text"]
    t8 = c["turns"][PBX_ONLY_HOLD["after_turn"] + 1]["text"]
    h0, h1 = p["pbx_only_hold"]
    L.append(f"- **Espera que solo ve la central**: {p['key']} `{c['file_name']}` (texto plano, sin tiempos). "
             f"La operadora dejó en espera a la llamante {h1 - h0:.0f} s sin avisar, entre «…{t7[-40:]}» y "
             f"«{t8[:40]}…»: `Hold` a las {_loc(p['connect'] + int(h0))[11:]} ({h0:.2f} s de grabación), "
             f"`Unhold` a las {_loc(p['connect'] + int(h1))[11:]}; por eso la llamada dura "
             f"{p['end_op'] - p['connect']} s en la central. Con los registros de la central sus criterios de "
             "espera pasan de `na` a `hold_explained` fail, `hold_permission` fail y `hold_thanks` fail "
             "(no explicó, no pidió permiso, no agradeció); `hold_checkins` y `hold_callback` siguen `na` "
             "(una sola espera de menos de 2 minutos). `tests/fixtures/sample_expected.csv` conserva el "
             "veredicto que da solo la transcripción (`na`).")
    L.append("- Los tres archivos defectuosos son llamadas contestadas normales en la central (203, 202 y 205).")
    L.append(f"- {f['untranscribed']} llamadas contestadas por la cola no tienen transcripción (no se "
             "transcribieron); las perdidas, la llamada interna del 207 y una llamada saliente del 204 "
             "tampoco.")
    L.append(f"- {len(f['rna_transcripts'])} llamadas transcritas timbraron antes en otro anexo "
             f"(`RINGNOANSWER`): {', '.join(f['rna_transcripts'])}.")
    L += ["", "### Incidencias del mes", "",
          "- **Lunes 16/11, día malo**: op03 de licencia, op01 entró a las 10:40 y op02 atendió solo toda la",
          "  mañana, con llamadas largas; entre 9:19 y 9:52 la cola se llenó (dos `FULL`), hubo abandonos y",
          "  dos salidas por tiempo (`EXITWITHTIMEOUT`). Ese día se perdió la mitad de las llamadas.",
          f"- **Anexo {OFFHOOK_EXT} mal colgado**: el 23/11 a las 18:40 el supervisor agregó el puesto de reserva "
          f"{OFFHOOK_EXT} a la cola, llamó desde él a la sala de conferencias 8000 y dejó el auricular descolgado: "
          "el tramo quedó contestado de 18:47 a 00:05 (más de 5 horas, de noche). El 24/11 la cola lo intentó "
          "una y otra vez y siempre dio ocupado (`RINGNOANSWER|0`, tramos `BUSY`) sin que tuviera ninguna "
          "llamada en curso, hasta que a las 16:12 lo sacaron de la cola (`REMOVEMEMBER`). Entre 10:00 y "
          "10:45 (capacitación del turno mañana) y de 15:30 a 15:40 (pausa activa) era el único anexo "
          "«disponible»: tres llamadas se perdieron timbrando solo en él.",
          f"- **Anexo {FAULTY_EXT} con falla** (op05): las tardes del 10/11 y del 11/11 (hasta las 15:30, cuando "
          "le cambiaron el teléfono) los intentos de la cola terminaron en `FAILED` o `CONGESTION`; tres "
          "llamadas se perdieron así.",
          "- No son sospechosos: 204 tiene un `BUSY` mientras hacía su propia llamada saliente (13/11) y 206 un",
          "  `FAILED` aislado (25/11).",
          "- Jueves 05/11 el turno tarde entró a las 13:12: una llamada de las 13:08 encontró la cola vacía",
          "  (`JOINEMPTY`). Sábado 14/11 todos cerraron a las 13:00 con una llamada esperando (`EXITEMPTY`).",
          "", "### Llamadas perdidas por causa", "",
          "| causa | en la entrada | en el anexo | total |", "|---|---|---|---|"]
    tot_e = tot_x = 0
    for cause in ("ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "FULL", "JOINEMPTY", "NO ANSWER (llamada directa)"):
        d = f["causes"].get(cause)
        if not d:
            continue
        tot_e += d["entry"]
        tot_x += d["extension"]
        L.append(f"| {cause} | {d['entry']} | {d['extension']} | {d['entry'] + d['extension']} |")
    L.append(f"| **total** | {tot_e} | {tot_x} | {tot_e + tot_x} |")
    L += ["", "### Claves de respuesta de la revisión de líneas", "",
          "`tests/fixtures/sample_lines_expected.csv` tiene una fila por día con llamadas y una última fila",
          "`2026-11` con el mes (todas se calculan desde la lista de llamadas del generador):", "",
          "- `offered`: llamadas que llegaron a la cola 600 (`ENTERQUEUE`, más las rechazadas en la puerta con",
          "  `FULL` o `JOINEMPTY`) y llamadas entrantes directas a un anexo (`from-did-direct`); no cuentan las",
          "  salientes (`out-`) ni las internas. La llamada sin registro en la central no cuenta.",
          "- `answered`: conectadas con un operador (`CONNECT`, o el tramo directo `ANSWERED`); `lost` = el resto.",
          "- `lost_at_extension`: perdidas que timbraron antes en al menos un anexo (`RINGNOANSWER`, o un tramo",
          "  `NO ANSWER`/`BUSY`/`FAILED`/`CONGESTION` del anexo en el CDR); `lost_at_entry`: las demás.",
          "- `lost_rate` = lost/offered; `service_level` = contestadas con espera ≤ 20 s / contestadas",
          "  (4 decimales).",
          "- `avg_wait_s`: espera media de las contestadas (entrada → contestación; en las directas, el timbre);",
          "  `p90_wait_s`: percentil 90 por rango más cercano (el ⌈0,9·n⌉-ésimo menor); `avg_handle_s`: tiempo",
          "  medio de conversación (contestación → fin o transferencia, esperas incluidas). 1 decimal.",
          "- Redondeo: la mitad hacia arriba.", "",
          "`tests/fixtures/sample_pbx_expected.csv` tiene una fila por anexo de la cola (cada intento de la cola",
          "o llamada directa a ese anexo cuenta una vez, aunque el CDR lo escriba en dos filas `Local`):", "",
          "- `rings_unanswered`: timbró y nadie contestó (`NO ANSWER`); `busy`: `BUSY`; `failed`: `FAILED` o",
          "  `CONGESTION`; `handled`: llamadas contestadas en ese anexo.",
          f"- `suspect`: `off_hook` (mal colgado) si en un día tuvo {OFFHOOK_MIN_BUSY} o más `BUSY` sin ninguna llamada",
          f"  en curso en el anexo, o un tramo contestado de {LONG_LEG_S // 3600} horas o más; `faulty` si en un día tuvo "
          f"{FAULTY_MIN_FAILED} o más `FAILED`/`CONGESTION`; si no, vacío.", "",
          "| anexo | sin contestar | ocupado | falla | atendidas | sospecha |", "|---|---|---|---|---|---|"]
    for r in f["ext"]:
        L.append(f"| {r['extension']} | {r['rings_unanswered']} | {r['busy']} | {r['failed']} | {r['handled']} | "
                 f"{r['suspect']} |")
    L += ["", f"Mes completo: {m['offered']} llamadas ofrecidas, {m['answered']} contestadas, {m['lost']} perdidas "
          f"({m['lost_at_entry']} en la entrada, {m['lost_at_extension']} en el anexo), tasa de pérdida "
          f"{m['lost_rate']}, nivel de servicio {m['service_level']}, espera media {m['avg_wait_s']} s "
          f"(p90 {m['p90_wait_s']} s), conversación media {m['avg_handle_s']} s.", ""]
    return L


def print_pbx_summary(calls, model):
    f = pbx_facts(calls, model)
    m = f["month"]
    print(f"PBX: queue_log {f['qlog']} lines, Master.csv {f['cdr']} rows, ami.log {f['ami']} events; "
          f"{len(model['calls'])} PBX calls ({f['untranscribed']} answered without transcript)")
    print(f"  month: offered {m['offered']}, answered {m['answered']}, lost {m['lost']} "
          f"(entry {m['lost_at_entry']}, extension {m['lost_at_extension']}), lost_rate {m['lost_rate']}, "
          f"service_level {m['service_level']}, avg_wait {m['avg_wait_s']} s, p90 {m['p90_wait_s']} s, "
          f"avg_handle {m['avg_handle_s']} s")
    print("  lost by cause: " + ", ".join(f"{k}: {v['entry']} entry + {v['extension']} extension"
                                         for k, v in f["causes"].items()))
    print("  suspects: " + ", ".join(f"{r['extension']} {r['suspect']} (busy {r['busy']}, failed {r['failed']})"
                                     for r in f["ext"] if r["suspect"]))
    p = _pbx_only_hold_call(model)
    print(f"  AMI holds on {len(f['ami_hold_keys'])} transcript calls; without AMI: {', '.join(f['no_ami'])}; "
          f"PBX-only hold: {p['key']} {p['pbx_only_hold']}; no PBX record: {NO_PBX_KEY}")


def write_pbx(calls, model):
    os.makedirs(PBX_DIR, exist_ok=True)
    with open(os.path.join(PBX_DIR, "queue_log"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(_qlog_lines(model)) + "\n")
    with open(os.path.join(PBX_DIR, "Master.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(_cdr_line(r) for r in _cdr_rows(model)) + "\n")
    with open(os.path.join(PBX_DIR, "ami.log"), "w", encoding="utf-8", newline="\n") as f:
        f.write(_ami_blocks(model))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    cols = ["date", "offered", "answered", "lost", "lost_at_entry", "lost_at_extension", "lost_rate",
            "service_level", "avg_wait_s", "p90_wait_s", "avg_handle_s"]
    w.writerow(cols)
    for r in lines_review(model):
        w.writerow([r[k] for k in cols])
    with open(LINES_EXPECTED_CSV, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    cols = ["extension", "rings_unanswered", "busy", "failed", "handled", "suspect"]
    w.writerow(cols)
    for r in extension_review(model):
        w.writerow([r[k] for k in cols])
    with open(PBX_EXPECTED_CSV, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def write_operators():
    rows = [("operator_id", "name", "extension", "team")] + [(o[0], o[1], o[2], o[3]) for o in OPERATORS]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    with open(os.path.join(SAMPLE_DIR, "operators.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def write_expected(calls):
    os.makedirs(os.path.dirname(EXPECTED_CSV), exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["call_id", "criterion", "expected"])
    for c in sorted(calls, key=lambda c: c["call_id"]):
        for crit in CRITERIA:
            w.writerow([c["call_id"], crit, c["expected"][crit]])
    with open(EXPECTED_CSV, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def write_transcripts(calls):
    if os.path.isdir(TRANSCRIPTS_DIR):
        shutil.rmtree(TRANSCRIPTS_DIR)
    for c in calls:
        path = os.path.join(TRANSCRIPTS_DIR, c["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        text = WRITERS[c["format"]](c)
        with open(path, "wb") as f:
            f.write(encode(text, c["encoding"], c["newline"]))
    for b in bad_files(calls):
        path = os.path.join(TRANSCRIPTS_DIR, b["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(b["content"])


def main(argv):
    calls = build_calls()
    problems = verify(calls)
    if problems:
        print("the sample data is inconsistent:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        if "--force" not in argv:
            return 1
    os.makedirs(SAMPLE_DIR, exist_ok=True)
    write_operators()
    write_transcripts(calls)
    write_expected(calls)
    pbx = build_pbx(calls)
    problems = verify_pbx(calls, pbx)
    if problems:
        print("the PBX logs are inconsistent:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        if "--force" not in argv:
            return 1
    write_pbx(calls, pbx)
    write_readme(calls, pbx)
    if "--summary" in argv:
        print_summary(calls)
        print_pbx_summary(calls, pbx)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
