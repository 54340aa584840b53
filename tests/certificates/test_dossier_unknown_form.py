"""A dossier asked for a form code the catalog does not know gets a Vietnamese message, nothing written."""

from __future__ import annotations

import pytest

from emulation_desk.errors import KnownError
from emulation_desk.services.council.dossier import prepare_dossier
from emulation_desk.services.workspace import Workspace


def test_an_unknown_form_code_is_refused_with_a_message(ws: Workspace) -> None:
    before = ws.store.scalar("SELECT count(*) FROM dossier")
    with pytest.raises(KnownError, match="Không có hình thức khen thưởng mã “BK_KHONG_CO”"):
        prepare_dossier(ws, 2021, "BK_KHONG_CO")
    assert ws.store.scalar("SELECT count(*) FROM dossier") == before
