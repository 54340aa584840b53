"""A dossier scene on the demo: 2021 nominations for the province's Bằng khen (three people who already hold
awards, one collective), voted by the council and forwarded up."""

from __future__ import annotations

from typing import Any

from emulation_desk.services.awards.nominations import add_nomination, set_status
from emulation_desk.services.council.meetings import (
    apply_results,
    create_meeting,
    meeting_results,
    record_tally,
)
from emulation_desk.services.council.rules import Counts
from emulation_desk.services.workspace import Workspace

YEAR, FORM = 2021, "BK_TINH"


def forwarded_scene(ws: Workspace) -> dict[str, Any]:
    people = ws.store.query(
        """SELECT p.id, p.full_name, p.position, p.unit_id FROM person p
           WHERE p.unit_id IS NOT NULL AND p.deceased = 0
             AND (SELECT count(*) FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
                  WHERE r.person_id = p.id AND d.status = 'issued') >= 2
           ORDER BY p.full_name LIMIT 3""")
    unit = ws.store.query("""SELECT u.id, u.name FROM unit u WHERE u.parent_id IS NOT NULL AND EXISTS
                             (SELECT 1 FROM decision_recipient r WHERE r.unit_id = u.id) ORDER BY u.name LIMIT 1""")[0]
    ids = [add_nomination(ws, year=YEAR, form_code=FORM, kind="cong_trang", subject="ca_nhan", person_id=p["id"],
                          position=p["position"], status="submitted",
                          achievement="đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2021").id
           for p in people]
    ids.append(add_nomination(ws, year=YEAR, form_code=FORM, kind="cong_trang", subject="tap_the", unit_id=unit["id"],
                              status="submitted",
                              achievement="đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2021").id)
    meeting = create_meeting(ws, YEAR, "2021-11-25", place="Phòng họp tầng 2", start_time="08:00",
                             end_time="10:30", nomination_ids=ids).id
    counts = {r.case["id"]: Counts(yes=8 if r.case["nomination_id"] != ids[2] else 3)
              for r in meeting_results(ws, meeting)}
    record_tally(ws, meeting, counts)
    apply_results(ws, meeting)
    passed = [i for i in ids if ws.store.get("nomination", i)["status"] == "voted"]  # type: ignore[index]
    set_status(ws, passed, "forwarded")
    return {"people": people, "unit": unit, "ids": ids, "passed": passed, "meeting": meeting}
