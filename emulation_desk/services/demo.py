"""The demo year: a deterministic database of the model report's world (UBND thành phố Nam Định, 2020).

``build_demo(path)`` turns ``resources/demo/demo.toml`` and a fixed seed into a database whose 2020
decisions reproduce every figure of report 164/BC-UBND's statistical table, with 2018–2019 history so
that multi-year rules have something to read. The same seed always gives the same records, keys and
timestamps. ``demo_copy()`` hands out a fresh temporary copy so the template is never changed.

Counting convention used throughout the demo (it matches the report's figures and the 15% quota):
a person awarded Chiến sĩ thi đua cơ sở is not listed again in the Lao động tiên tiến decision of the
same year (1.984 LĐTT + 342 CSTĐCS = 2.326 people reached the LĐTT standard; 342 is 14,7% of them).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import shutil
import tempfile
import tomllib
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from emulation_desk import __version__
from emulation_desk.core.catalog import Catalog, load_catalog
from emulation_desk.core.money import bonus_amount
from emulation_desk.core.text import fold
from emulation_desk.paths import cache_dir
from emulation_desk.resources import resource_path
from emulation_desk.services.awards import blocs
from emulation_desk.services.records import org
from emulation_desk.services.reporting import reports
from emulation_desk.services.workspace import Workspace
from emulation_desk.settings import DATABASE_ID
from emulation_desk.storage import achievement_fill
from emulation_desk.storage.catalog_store import install_catalog
from emulation_desk.storage.db import MIGRATIONS_DIR, Store, open_store, schema_version

DEMO_ACTOR = "demo"
POOL_KINDS = ("phong_chuyen_mon", "phuong", "xa", "truong_hoc", "don_vi_su_nghiep", "hoi_doan_the")


@dataclass
class Person:
    id: str
    full_name: str
    gender: str
    birth_year: int
    unit: dict[str, Any]
    position: str
    is_manager: bool
    recruited_on: date
    resident: bool = False
    deceased: bool = False


@dataclass
class Recipient:
    form_code: str
    subject: str
    person: Person | None = None
    unit: dict[str, Any] | None = None
    kind: str | None = None
    posthumous: bool = False
    achievement: str = ""


@dataclass
class DecisionSpec:
    number: str
    signed_on: date
    issuer_level: str
    issuer_name: str
    symbol: str
    title: str
    form_code: str
    kind: str
    recipients: list[Recipient]
    signer: str = ""
    signer_position: str = ""
    nominate: bool = True


@dataclass
class DemoBuilder:
    store: Store
    catalog: Catalog
    spec: dict[str, Any]
    texts: dict[str, Any]  # resources/demo/decisions.toml: issuers and decision texts
    rng: random.Random
    ids: random.Random  # keys of what the services write (and of their audit rows)
    units: list[dict[str, Any]] = field(default_factory=list)
    unit_by_name: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    person_years: list[dict[str, Any]] = field(default_factory=list)
    initiatives: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[DecisionSpec] = field(default_factory=list)
    signatories: dict[str, dict[str, Any]] = field(default_factory=dict)
    used_names: set[str] = field(default_factory=set)
    hero_mother: Person | None = None
    chain_2019: set[str] = field(default_factory=set)
    provincial_fighters: list[Person] = field(default_factory=list)
    titles_2020: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------------ ids and names
    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    @contextlib.contextmanager
    def through_services(self) -> Iterator[None]:
        """Writes through the services in here draw their keys (and their audit rows' keys) from a stream of
        their own, so the audit trail does not shift the draws that choose the demo's people."""
        self.store.new_id = lambda: str(uuid.UUID(int=self.ids.getrandbits(128), version=4))
        try:
            yield
        finally:
            self.store.new_id = self.new_id

    def keep_draws(self, rows: int) -> None:
        """Take the draws of the main stream that ``rows`` rows took when the generator wrote them itself (two
        each: its key, and the one ``Store.insert`` draws even when given a key), so that the draws after
        them choose the same people, decisions, scores and keys as before (tests know the figures they give)."""
        for _ in range(2 * rows):
            self.new_id()

    def person_name(self, gender: str) -> str:
        names = self.spec["names"]
        families = [f for f, _ in names["family"]]
        weights = [w for _, w in names["family"]]
        for _ in range(50):
            family = self.rng.choices(families, weights)[0]
            middle = self.rng.choice(names["middle_male" if gender == "nam" else "middle_female"])
            given = self.rng.choice(names["given_male" if gender == "nam" else "given_female"])
            full = f"{family} {middle} {given}"
            if full not in self.used_names:
                self.used_names.add(full)
                return full
        return full  # a namesake: realistic, and the checks must cope with it

    # ------------------------------------------------------------------ units
    def add_unit(self, name: str, kind: str, *, head_count: int = 0, parent: dict[str, Any] | None = None,
                 school: str = "") -> dict[str, Any]:
        unit = {"id": self.new_id(), "name": name, "name_key": fold(name), "kind": kind, "head_count": head_count,
                "parent_id": parent["id"] if parent else None, "valid_from": "2010-01-01",
                "sort_order": len(self.units) + 1, "school": school}
        self.units.append(unit)
        self.unit_by_name[name] = unit
        return unit

    def build_units(self) -> None:
        spec = self.spec["units"]
        rng = self.rng
        for name in spec["phong_chuyen_mon"]:
            self.add_unit(name, "phong_chuyen_mon", head_count=rng.randint(9, 20))
        for name in spec["phuong"]:
            self.add_unit(f"UBND phường {name}", "phuong", head_count=rng.randint(18, 26))
        for name in spec["xa"]:
            self.add_unit(f"UBND xã {name}", "xa", head_count=rng.randint(17, 23))
        places = spec["phuong"] + spec["xa"]
        for name in places + spec["mam_non_extra"]:
            self.add_unit(f"Trường Mầm non {name}", "truong_hoc", head_count=rng.randint(14, 26), school="mam_non")
        for name in places + spec["tieu_hoc_extra"]:
            self.add_unit(f"Trường Tiểu học {name}", "truong_hoc", head_count=rng.randint(16, 30), school="tieu_hoc")
        for name in [p for p in places if p not in spec["thcs_extra"]] + spec["thcs_extra"]:
            self.add_unit(f"Trường THCS {name}", "truong_hoc", head_count=rng.randint(16, 30), school="thcs")
        for name in spec["don_vi_su_nghiep"]:
            self.add_unit(name, "don_vi_su_nghiep", head_count=rng.randint(14, 40))
        for name in spec["hoi_doan_the"]:
            self.add_unit(name, "hoi_doan_the", head_count=rng.randint(5, 9))
        for name in spec["doanh_nghiep"]:
            self.add_unit(name, "doanh_nghiep", head_count=rng.randint(12, 60))
        for name in spec["nganh_doc"]:
            self.add_unit(name, "nganh_doc", head_count=rng.randint(30, 180))
        for phuong in spec["phuong"][:8]:
            parent = self.unit_by_name[f"UBND phường {phuong}"]
            for number in range(1, 4):
                self.add_unit(f"Tổ dân phố số {number}, phường {phuong}", "thon_to_dan_pho", parent=parent,
                              head_count=rng.randint(120, 400))

    # ------------------------------------------------------------------ people
    def _positions(self, unit: dict[str, Any]) -> tuple[list[str], list[str]]:
        """(manager positions, staff positions) for a unit."""
        kind, name, rng = unit["kind"], unit["name"], self.rng
        if kind == "phong_chuyen_mon":
            if name.startswith("Văn phòng"):
                return ["Chánh Văn phòng"] + ["Phó Chánh Văn phòng"] * rng.randint(2, 3), ["Chuyên viên", "Cán sự",
                                                                                           "Nhân viên"]
            if name.startswith("Thanh tra"):
                return ["Chánh Thanh tra"] + ["Phó Chánh Thanh tra"] * rng.randint(2, 3), ["Thanh tra viên",
                                                                                           "Chuyên viên"]
            return ["Trưởng phòng"] + ["Phó Trưởng phòng"] * rng.randint(2, 3), ["Chuyên viên", "Chuyên viên",
                                                                               "Cán sự"]
        if kind in ("phuong", "xa"):
            level = "phường" if kind == "phuong" else "xã"
            return ([f"Bí thư Đảng ủy {level}", f"Chủ tịch UBND {level}", f"Phó Chủ tịch UBND {level}",
                     f"Phó Chủ tịch UBND {level}"],
                    [f"Công chức Văn phòng - Thống kê {level}", f"Công chức Tư pháp - Hộ tịch {level}",
                     f"Công chức Địa chính - Xây dựng {level}", f"Công chức Tài chính - Kế toán {level}",
                     f"Công chức Văn hóa - Xã hội {level}", f"Chỉ huy trưởng Quân sự {level}"])
        if kind == "truong_hoc":
            staff = ["Giáo viên"] * 6 + ["Nhân viên kế toán", "Nhân viên văn thư", "Nhân viên y tế"]
            if unit["school"] == "thcs":
                staff.append("Tổng phụ trách Đội")
            return ["Hiệu trưởng"] + ["Phó Hiệu trưởng"] * rng.randint(2, 3), staff
        if kind == "don_vi_su_nghiep":
            head = "Trưởng ban" if name.startswith("Ban") else ("Đội trưởng" if name.startswith("Đội") else "Giám đốc")
            deputy = "Phó " + head[0].lower() + head[1:]
            return [head, deputy, deputy, "Trưởng phòng chuyên môn", "Trưởng phòng Hành chính - Tổng hợp"], [
                "Viên chức", "Viên chức", "Kỹ sư", "Nhân viên"]
        if kind == "hoi_doan_the":
            if name.startswith("Thành đoàn"):
                return ["Bí thư Thành đoàn", "Phó Bí thư Thành đoàn"], ["Cán bộ chuyên trách"]
            return ["Chủ tịch", "Phó Chủ tịch"], ["Cán bộ chuyên trách"]
        return ["Giám đốc", "Phó Giám đốc"], ["Công nhân", "Nhân viên", "Xã viên"]

    def add_person(self, unit: dict[str, Any], position: str, is_manager: bool, *, gender: str | None = None,
                   birth_year: int | None = None, recruited_on: date | None = None, resident: bool = False,
                   deceased: bool = False) -> Person:
        rng = self.rng
        teaching = unit["kind"] == "truong_hoc" and unit["school"] == "mam_non"
        gender = gender or ("nu" if rng.random() < (0.95 if teaching else 0.55) else "nam")
        birth_year = birth_year or rng.randint(1963 if is_manager else 1965, 1978 if is_manager else 1997)
        if recruited_on is None:
            first = min(max(birth_year + 21, 1985), 2017)
            recruited_on = date(rng.randint(first, 2017), rng.randint(1, 12), rng.randint(1, 28))
        person = Person(self.new_id(), self.person_name(gender), gender, birth_year, unit, position, is_manager,
                        recruited_on, resident, deceased)
        self.people.append(person)
        return person

    def build_people(self) -> None:
        rng = self.rng
        for unit in self.units:
            if unit["kind"] in ("nganh_doc", "thon_to_dan_pho"):
                continue
            managers, staff = self._positions(unit)
            for position in managers:
                self.add_person(unit, position, True)
            modelled = unit["head_count"] if unit["kind"] != "doanh_nghiep" else min(unit["head_count"], 10)
            for _ in range(max(modelled - len(managers), 2)):
                self.add_person(unit, rng.choice(staff), False)
        # New recruits: not eligible for titles in the year they join (less than 10 months of work).
        pool = [p for p in self.people if not p.is_manager and p.unit["kind"] in POOL_KINDS]
        for person in rng.sample(pool, 35):
            person.recruited_on = date(2020, rng.randint(3, 9), rng.randint(1, 28))
        for person in rng.sample([p for p in pool if p.recruited_on.year < 2019], 45):
            person.recruited_on = date(2019, rng.randint(1, 6), rng.randint(1, 28))
        # Some officers of vertical agencies and residents appear in thematic awards.
        for unit in self.units:
            if unit["kind"] == "nganh_doc":
                chief = "Trưởng Công an thành phố" if unit["name"].startswith("Công an") else "Thủ trưởng"
                self.add_person(unit, chief, True, gender="nam")
                self.add_person(unit, "Phó " + chief[0].lower() + chief[1:], True)
                for _ in range(rng.randint(3, 6)):
                    self.add_person(unit, "Cán bộ" if not unit["name"].startswith("Công an") else "Cán bộ, chiến sĩ",
                                    False)
        wards = [u for u in self.units if u["kind"] in ("phuong", "xa")]
        for _ in range(160):
            ward = rng.choice(wards)
            self.add_person(ward, rng.choice(["Tổ trưởng tổ dân phố", "Nhân dân", "Tình nguyện viên",
                                              "Chi hội trưởng phụ nữ", "Đoàn viên thanh niên"]), False,
                            resident=True, birth_year=rng.randint(1950, 2000), recruited_on=date(2000, 1, 1))

    # ------------------------------------------------------------------ titles by year
    def pool(self, year: int) -> list[Person]:
        return [p for p in self.people if p.unit["kind"] in POOL_KINDS and not p.resident
                and p.recruited_on <= date(year, 3, 1)]

    def standard_sets(self, year: int, managers_target: int, staff_target: int, previous: set[str] | None
                      ) -> tuple[list[Person], list[Person]]:
        """People who reach the LĐTT standard in ``year``: exact totals, stratified by unit so every
        unit keeps a realistic share; previous years' holders are favoured (ratings are stable)."""
        rng = self.rng
        pool = self.pool(year)
        managers = [p for p in pool if p.is_manager]
        staff = [p for p in pool if not p.is_manager]
        previous = previous or set()
        managers.sort(key=lambda p: (p.id not in previous, rng.random()))
        chosen_managers = managers[:managers_target]
        by_unit: dict[str, list[Person]] = {}
        for person in staff:
            by_unit.setdefault(person.unit["id"], []).append(person)
        quota: dict[str, int] = {}
        for unit_id, members in by_unit.items():
            quota[unit_id] = max(1, round(len(members) * rng.uniform(0.66, 0.9)))
        total = sum(quota.values())
        unit_ids = sorted(by_unit)
        for _ in range(1_000_000):
            if total == staff_target:
                break
            unit_id = rng.choice(unit_ids)
            size = len(by_unit[unit_id])
            if total > staff_target and quota[unit_id] > max(1, int(size * 0.56) + 1):
                quota[unit_id] -= 1
                total -= 1
            elif total < staff_target and quota[unit_id] < size - (1 if size > 4 else 0):
                quota[unit_id] += 1
                total += 1
        else:
            raise RuntimeError(f"cannot reach {staff_target} LĐTT-standard staff in {year}")
        chosen_staff: list[Person] = []
        for unit_id in unit_ids:
            members = sorted(by_unit[unit_id], key=lambda p: (p.id not in previous, rng.random()))
            chosen_staff.extend(members[:quota[unit_id]])
        return chosen_managers, chosen_staff

    def pick_cstdcs(self, managers: list[Person], staff: list[Person], n_managers: int, n_staff: int,
                    prefer: set[str], force: Sequence[Person] = ()) -> list[Person]:
        rng = self.rng
        forced = {p.id for p in force}

        def order(people: list[Person]) -> list[Person]:
            return sorted(people, key=lambda p: (p.id not in forced, p.id not in prefer, rng.random()))

        return order(managers)[:n_managers] + order(staff)[:n_staff]

    # ------------------------------------------------------------------ decisions
    def decision(self, spec: DecisionSpec) -> DecisionSpec:
        self.decisions.append(spec)
        return spec

    def city_decision(self, number: str, signed_on: date, title: str, form_code: str, kind: str,
                      recipients: list[Recipient], signer: str = "") -> DecisionSpec:
        signer = signer or self.texts["default_signer"]
        signatory = self.signatories[signer]
        return self.decision(DecisionSpec(number, signed_on, "don_vi", self.texts["city"], "QĐ-UBND", title,
                                          form_code, kind, recipients, signer, signatory["position"]))

    def people_recipients(self, people: Sequence[Person], form_code: str, kind: str | None = None,
                          achievement: str = "") -> list[Recipient]:
        return [Recipient(form_code, "ca_nhan", person=p, kind=kind, achievement=achievement) for p in people]

    def unit_recipients(self, units: Sequence[dict[str, Any]], form_code: str, kind: str | None = None,
                        achievement: str = "") -> list[Recipient]:
        return [Recipient(form_code, "tap_the", unit=u, kind=kind, achievement=achievement) for u in units]


def _rating_rows(builder: DemoBuilder, year: int, excellent: set[str], standard: set[str]) -> None:
    rng = builder.rng
    for person in builder.pool(year):
        if person.id in excellent:
            rating = "htxsnv" if rng.random() < 0.9 else "httnv"
        elif person.id in standard:
            rating = "httnv" if rng.random() < 0.8 else "htxsnv"
        else:
            rating = "htnv" if rng.random() < 0.97 else "khtnv"
        builder.person_years.append({
            "id": builder.new_id(), "person_id": person.id, "year": year, "unit_id": person.unit["id"],
            "position": person.position, "is_manager": int(person.is_manager), "rating": rating})


def _initiatives(builder: DemoBuilder, people: Sequence[Person], year: int, scope: str = "co_so") -> None:
    topics = ["Giải pháp nâng cao chất lượng", "Ứng dụng công nghệ thông tin trong", "Đổi mới phương pháp",
              "Cải tiến quy trình", "Kinh nghiệm tổ chức"]
    fields_ = ["công tác chuyên môn", "quản lý hồ sơ", "giải quyết thủ tục hành chính", "dạy học",
               "công tác tuyên truyền", "quản lý tài chính"]
    for person in people:
        title = f"{builder.rng.choice(topics)} {builder.rng.choice(fields_)} tại {person.unit['name']}"
        builder.initiatives.append({
            "id": builder.new_id(), "person_id": person.id, "year": year, "title": title, "scope": scope,
            "recognised_ref": f"Hội đồng sáng kiến {'tỉnh' if scope == 'tinh' else 'cơ sở'} năm {year}"})


def _year_titles(builder: DemoBuilder, year: int, plan: dict[str, Any], previous: dict[str, set[str]]
                 ) -> dict[str, Any]:
    """LĐTT / CSTĐCS sets of a year (exclusive lists) and their ratings and initiatives."""
    managers, staff = builder.standard_sets(year, plan["managers"], plan["staff"], previous.get("standard"))
    cstd = builder.pick_cstdcs(managers, staff, plan["cstd_managers"], plan["cstd_staff"],
                               previous.get("cstd", set()), plan.get("force", ()))
    cstd_ids = {p.id for p in cstd}
    ldtt = [p for p in managers + staff if p.id not in cstd_ids]
    standard_ids = {p.id for p in managers + staff}
    _rating_rows(builder, year, cstd_ids, standard_ids)
    _initiatives(builder, cstd, year)
    return {"ldtt": ldtt, "cstd": cstd, "standard": standard_ids, "cstd_ids": cstd_ids}


def _split(people: Sequence[Person], pred: Callable[[Person], bool]) -> tuple[list[Person], list[Person]]:
    return [p for p in people if pred(p)], [p for p in people if not pred(p)]


def _is_school(person: Person) -> bool:
    return person.unit["kind"] == "truong_hoc"


def _title_decisions(b: DemoBuilder, year: int, titles: dict[str, Any], numbers: tuple[int, int],
                     school_date: date, year_date: date, ttldtt_units: list[dict[str, Any]]) -> None:
    """LĐTT, CSTĐCS and TTLĐTT decisions: schools at the end of the school year, others in December."""
    words = b.texts["titles"]
    school_year = f"{year - 1}-{year}"

    def titled(template: str, form: str) -> str:
        return template.format(title=words[form], year=year, school_year=school_year)

    n_school, n_other = numbers
    for people_key, form in (("ldtt", "LDTT"), ("cstd", "CSTDCS")):
        school, other = _split(titles[people_key], _is_school)
        b.city_decision(str(n_school), school_date, titled(words["school_title"], form), form, "cong_trang",
                        b.people_recipients(school, form))
        b.city_decision(str(n_other), year_date, titled(words["year_title"], form), form, "cong_trang",
                        b.people_recipients(other, form))
        n_school += 1
        n_other += 1
    schools, others = _split_units(ttldtt_units)
    b.city_decision(str(n_school), school_date, titled(words["school_title"], "TTLDTT"), "TTLDTT", "cong_trang",
                    b.unit_recipients(schools, "TTLDTT"))
    b.city_decision(str(n_other), year_date, titled(words["year_title"], "TTLDTT"), "TTLDTT", "cong_trang",
                    b.unit_recipients(others, "TTLDTT"))


def _split_units(units: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return [u for u in units if u["kind"] == "truong_hoc"], [u for u in units if u["kind"] != "truong_hoc"]


def _mix(b: DemoBuilder, managers: Sequence[Person], direct: Sequence[Person], n_managers: int, n_direct: int
         ) -> list[Person]:
    return b.rng.sample(list(managers), n_managers) + b.rng.sample(list(direct), n_direct)


def _build_history(b: DemoBuilder, titles: dict[int, dict[str, Any]], city_units: list[dict[str, Any]]) -> None:
    rng = b.rng
    history = b.texts["history"]
    for year in (2018, 2019):
        plan = history[str(year)]
        base = plan["numbers_from"]
        t = titles[year]
        ttldtt = rng.sample(city_units, plan["ttldtt"])
        _title_decisions(b, year, t, (base + 1500, base + 2800), date(year, 8, 14), date(year, 12, 12), ttldtt)
        pool = b.pool(year)
        managers = [p for p in pool if p.is_manager]
        direct = [p for p in pool if not p.is_manager]
        gk = b.unit_recipients(rng.sample(city_units, plan["giay_khen_units"]), "GK_CT_HUYEN") + b.people_recipients(
            _mix(b, managers, direct, plan["giay_khen_managers"], plan["giay_khen_direct"]), "GK_CT_HUYEN")
        b.city_decision(str(base + 2810), date(year, 12, 12), history["giay_khen_title"].format(year=year),
                        "GK_CT_HUYEN", "cong_trang", gk, signer=history["giay_khen_signer"])
        bk_people = rng.sample([p for p in managers if p.id in t["cstd_ids"]], plan["bang_khen_people"])
        recipients_of = {
            "BK_TINH": b.unit_recipients(rng.sample(city_units, plan["bang_khen_units"]), "BK_TINH")
            + b.people_recipients(bk_people, "BK_TINH"),
            "TTLDXS": b.unit_recipients(rng.sample(ttldtt, plan["lao_dong_xuat_sac"]), "TTLDXS"),
            "CO_TD_TINH": b.unit_recipients(rng.sample(city_units, plan["co_thi_dua"]), "CO_TD_TINH"),
        }
        for offset, item in enumerate(history["province"]):
            form = item["form_code"]
            b.decision(DecisionSpec(str(300 + offset * 700 + year % 10),
                                    date.fromisoformat(item["signed_on"].format(year=year)), "tinh",
                                    b.texts["province"], "QĐ-UBND", item["title"].format(year=year), form,
                                    "cong_trang", recipients_of[form], "", "", nominate=False))


def _build_2020(b: DemoBuilder, t: dict[str, Any], city_units: list[dict[str, Any]]) -> None:
    rng = b.rng
    u = b.unit_by_name
    year = 2020
    pool = b.pool(year)
    managers = [p for p in pool if p.is_manager]
    direct = [p for p in pool if not p.is_manager]
    residents = [p for p in b.people if p.resident]
    vertical_staff = [p for p in b.people if p.unit["kind"] == "nganh_doc"]
    vertical_direct = [p for p in vertical_staff if not p.is_manager]
    vertical_units = [x for x in b.units if x["kind"] == "nganh_doc"]
    tdp = [x for x in b.units if x["kind"] == "thon_to_dan_pho"]

    # I.4 TTLĐTT: 148 of the 154 units under the city (the 6 left out had a member disciplined or a weak year).
    excluded = [u["UBND phường Cửa Bắc"], u["Trường Tiểu học Lộc Vượng"], u["Trường Mầm non Nam Vân"],
                u["Trường THCS Vị Hoàng"], u["Ban Quản lý các chợ thành phố"], u["Trường Tiểu học Mỹ Xá"]]
    ttldtt = [x for x in city_units if x not in excluded]
    # I.2, I.3 and I.4: 1.984 LĐTT (297 managers + 1.687 direct), 342 CSTĐCS (201 + 141), 148 TTLĐTT.
    _title_decisions(b, year, t, (2890, 4520), date(year, 8, 14), date(year, 12, 10), ttldtt)

    # I.1 Giấy khen: 542 = 146 collectives + 396 individuals (công trạng 58 + 22 + 65; chuyên đề 88 + 44 + 265).
    def gk(number: str, signed: date, title: str, kind: str, units_: list[dict[str, Any]], people: list[Person],
           achievement: str, signer: str = "") -> None:
        recipients = b.unit_recipients(units_, "GK_CT_HUYEN", kind, achievement) + b.people_recipients(
            people, "GK_CT_HUYEN", kind, achievement)
        b.city_decision(number, signed, title, "GK_CT_HUYEN", kind, recipients, signer)

    everyone_direct = direct + residents
    used: set[str] = set()

    def take(candidates: list[Person], n: int) -> list[Person]:
        free = [p for p in candidates if p.id not in used]
        chosen = rng.sample(free, n)
        used.update(p.id for p in chosen)
        return chosen

    schools_all = [x for x in city_units if x["kind"] == "truong_hoc"]
    wards = [x for x in city_units if x["kind"] in ("phuong", "xa")]
    # Who each Giấy khen of 2020 goes to (units, then people), by its number: the texts are data.
    chosen: dict[str, Callable[[], tuple[list[dict[str, Any]], list[Person]]]] = {
        "1650": lambda: (rng.sample(city_units + vertical_units, 20) + rng.sample(tdp, 10),
                         take(managers, 12) + take(everyone_direct + vertical_direct, 108)),
        "2215": lambda: ([], take(residents, 2)),
        "2960": lambda: (rng.sample(schools_all, 12),
                         take([p for p in managers if _is_school(p)], 8) + take([p for p in direct if _is_school(p)], 52)),
        "3315": lambda: (rng.sample(city_units, 25), take(managers, 15) + take(everyone_direct, 60)),
        "3720": lambda: (rng.sample(wards, 8) + rng.sample(tdp, 10),
                         take([p for p in managers if p.unit["kind"] in ("phuong", "xa")], 5) + take(residents, 35)),
        "3905": lambda: ([], take(residents, 2)),
        "4012": lambda: (rng.sample(vertical_units[:2], 1) + rng.sample([x for x in city_units if x["kind"] == "phuong"], 2),
                         take([p for p in vertical_staff if p.is_manager], 4) + take(vertical_direct + residents, 6)),
        "4523": lambda: (rng.sample(city_units, 58), take(managers, 22) + take(direct, 65)),
    }
    for item in b.texts["giay_khen_2020"]:
        units_, people = chosen[item["number"]]()
        gk(item["number"], date.fromisoformat(item["signed_on"]), item["title"], item["kind"], units_, people,
           item["achievement"], item.get("signer", ""))

    # Group II (received from the province and the Ministry of Education).
    blocs = b.spec["blocs"]
    flag_units = [u[bl["leader"]] for bl in blocs if bl["leader"] not in ("Trường THCS Trần Đăng Ninh",
                                                                          "Công an thành phố")]
    schools = [x for x in city_units if x["kind"] == "truong_hoc"]
    cstd_both = [p for p in t["cstd"] if p.is_manager and p.id in b.chain_2019]
    provincial_fighters = b.provincial_fighters
    health_head = u["Phòng Y tế"]["_head"]
    bk_people = [p for p in cstd_both if p not in provincial_fighters and p is not health_head][:29]
    bk_units = rng.sample([x for x in city_units if x not in flag_units], 18)
    # Who each received decision goes to, by its number (in the order of the data file, which the draws follow).
    received: dict[str, Callable[[], list[Recipient]]] = {
        "3102": lambda: b.unit_recipients(flag_units, "CO_TD_TINH"),
        "3103": lambda: b.unit_recipients(rng.sample([x for x in ttldtt if x not in flag_units], 27), "TTLDXS"),
        "3104": lambda: b.people_recipients(provincial_fighters, "CSTD_TINH"),
        "3105": lambda: b.unit_recipients(bk_units, "BK_TINH") + b.people_recipients(bk_people, "BK_TINH"),
        "1890": lambda: b.people_recipients([health_head], "BK_TINH"),
        "3527": lambda: b.unit_recipients([u["Trường Tiểu học Nguyễn Văn Cừ"]], "CO_TD_BO"),
        "3528": lambda: b.unit_recipients(rng.sample([x for x in schools if x not in flag_units
                                                       and x["name"] != "Trường Tiểu học Nguyễn Văn Cừ"], 4), "BK_BO"),
        "812": lambda: b.unit_recipients([u["Công an thành phố"], u["Chi cục Thuế thành phố"]], "CO_TD_CP"),
        "1245": lambda: b.unit_recipients([u["Trường THCS Trần Đăng Ninh"], u["UBND phường Vị Xuyên"],
                                           u["Hội Liên hiệp Phụ nữ thành phố"]], "BK_TTG"),
        "1560": lambda: b.unit_recipients([u["Phòng Giáo dục và Đào tạo"]], "HC_LAO_DONG_2"),
        "1017": lambda: [Recipient("BMVNAH", "ca_nhan", person=b.hero_mother, posthumous=True)],
    }
    specs = []
    for item in b.texts["received_2020"]:
        recipients = received[item["number"]]()
        for r in recipients:
            r.achievement = item.get("achievement", r.achievement)
        specs.append(DecisionSpec(item["number"], date.fromisoformat(item["signed_on"]), item["issuer_level"],
                                  item.get("issuer_name", b.texts["province"]), item["symbol"], item["title"],
                                  item["form_code"], item.get("kind", "cong_trang"), recipients))
    for spec in specs:
        b.decision(spec)


def _insert_people(b: DemoBuilder) -> None:
    store = b.store
    store.insert_many("unit", [{k: v for k, v in x.items() if k != "school" and not k.startswith("_")}
                               for x in b.units])
    store.insert_many("person", [{
        "id": p.id, "full_name": p.full_name, "name_key": fold(p.full_name), "gender": p.gender,
        "birth_year": p.birth_year, "unit_id": p.unit["id"], "position": p.position, "is_manager": int(p.is_manager),
        "recruited_on": None if p.resident else p.recruited_on.isoformat(), "deceased": int(p.deceased)}
        for p in b.people])
    store.insert_many("person_year", b.person_years)
    store.insert_many("initiative", b.initiatives)


def _insert_decisions(b: DemoBuilder) -> None:
    store, catalog = b.store, b.catalog
    decisions, recipients, nominations = [], [], []
    for spec in b.decisions:
        decision_id = b.new_id()
        regime = catalog.regime_for(spec.signed_on)
        salary = catalog.base_salary_for(spec.signed_on)
        own = spec.issuer_level == "don_vi"
        signer = b.signatories.get(spec.signer)
        decisions.append({
            "id": decision_id, "year": spec.signed_on.year, "number": spec.number, "symbol": spec.symbol,
            "signed_on": spec.signed_on.isoformat(), "issuer_level": spec.issuer_level, "issuer_name": spec.issuer_name,
            "is_own": int(own), "title": spec.title, "form_code": spec.form_code, "kind": spec.kind,
            "signer_id": signer["id"] if signer else None, "signer_name": spec.signer,
            "signer_position": spec.signer_position,
            "legal_bases": json.dumps(list(regime.legal_bases) if own and regime else [], ensure_ascii=False),
            "proposal_ref": b.texts["proposal_ref"] if own else "",
            "bonus_source": b.spec["organisation"]["fund_source"] if own else "",
            "regime_code": regime.code if regime and own else None, "base_salary": salary.amount if salary and own else None,
            "status": "issued", "issued_at": f"{spec.signed_on.isoformat()}T09:00:00Z"})
        for order, r in enumerate(spec.recipients, start=1):
            recipient_id = b.new_id()
            kind = r.kind or spec.kind
            amount = coefficient = None
            if own and salary:
                found = catalog.coefficient_for(r.form_code, r.subject, spec.signed_on)
                if found:
                    coefficient = str(found.value)
                    amount = bonus_amount(found.value, salary.amount)
            row = {"id": recipient_id, "decision_id": decision_id, "form_code": r.form_code, "kind": kind,
                   "subject": r.subject, "posthumous": int(r.posthumous), "achievement": r.achievement,
                   "sort_order": order, "coefficient": coefficient, "amount": amount,
                   "person_id": None, "unit_id": None, "household_id": None, "is_manager": None}
            if r.person:
                row.update(person_id=r.person.id, display_name=r.person.full_name, position=r.person.position,
                           unit_name=r.person.unit["name"], is_manager=int(r.person.is_manager))
            else:
                assert r.unit is not None
                parent = next((x for x in b.units if x["id"] == r.unit["parent_id"]), None)
                row.update(unit_id=r.unit["id"], display_name=r.unit["name"], position="",
                           unit_name=parent["name"] if parent else "")
            if spec.nominate and spec.signed_on.year == 2020:
                nomination_id = b.new_id()
                row["nomination_id"] = nomination_id
                proposer = r.person.unit if r.person else r.unit
                assert proposer is not None
                nominations.append(_nomination_row(b, nomination_id, spec, r, kind, proposer, "decided", decision_id))
            recipients.append(row)
    store.insert_many("decision", decisions)
    store.insert_many("nomination", nominations)
    store.insert_many("decision_recipient", recipients)
    achievement_fill.apply(store.conn)  # achievement years read from the titles, as migration 0008 does
    _rejected_nominations(b)
    _discipline_and_unit_years(b)
    _bonuses(b)


def _bonuses(b: DemoBuilder) -> None:
    """Amounts of the own decisions under the regime's principles (the same service the window uses)."""
    from emulation_desk.services.awards.bonus import decision_bonus

    for row in b.store.query("SELECT id FROM decision WHERE is_own = 1 ORDER BY signed_on, number"):
        bonus = decision_bonus(Workspace(b.store, b.catalog), row["id"])
        b.store.conn.executemany(
            "UPDATE decision_recipient SET coefficient = ?, amount = ? WHERE id = ?",
            [(str(r.coefficient) if r.coefficient is not None else None, r.amount, r.line.recipient_id)
             for r in bonus.results])


def _discipline_and_unit_years(b: DemoBuilder) -> None:
    """Discipline that keeps people and units from titles, and each unit's facts for 2020."""
    rng = b.rng
    standard = b.titles_2020["standard"]
    rows = []
    cua_bac = b.unit_by_name["UBND phường Cửa Bắc"]
    warned = next(p for p in b.people if p.unit is cua_bac and not p.is_manager and p.id not in standard)
    rows.append({"id": b.new_id(), "person_id": warned.id, "form": "Cảnh cáo", "start_date": "2020-05-12",
                 "end_date": "2021-05-11", "notes": "Vi phạm quy định về quản lý hồ sơ địa chính"})
    loc_vuong = b.unit_by_name["Trường Tiểu học Lộc Vượng"]
    warned_teacher = next(p for p in b.people if p.unit is loc_vuong and not p.is_manager and p.id not in standard)
    rows.append({"id": b.new_id(), "person_id": warned_teacher.id, "form": "Cảnh cáo", "start_date": "2020-03-16",
                 "end_date": "2021-03-15", "notes": "Vi phạm quy định về dạy thêm"})
    others = [p for p in b.pool(2020) if p.id not in standard and p not in (warned, warned_teacher)]
    for person in rng.sample(others, 3):
        rows.append({"id": b.new_id(), "person_id": person.id, "form": "Khiển trách", "start_date": "2020-09-01",
                     "end_date": "2021-02-28", "notes": ""})
    b.store.insert_many("discipline", rows)
    disciplined = {warned.unit["id"]: 1, warned_teacher.unit["id"]: 1}
    unit_rows = []
    members_of: dict[str, list[Person]] = {}
    for person in b.people:
        if not person.resident:
            members_of.setdefault(person.unit["id"], []).append(person)
    for year in (2018, 2019, 2020):
        ratings = {r["person_id"]: r["rating"] for r in b.person_years if r["year"] == year}
        for unit in b.units:
            if unit["kind"] not in POOL_KINDS:
                continue  # enterprises keep their staff's ratings themselves: no figures here
            members = [p for p in members_of.get(unit["id"], []) if p.recruited_on <= date(year, 12, 31)]
            hit = year == 2020 and unit["id"] in disciplined
            unit_rows.append({
                "id": b.new_id(), "unit_id": unit["id"], "year": year, "head_count": len(members),
                "completed_count": sum(1 for p in members if ratings.get(p.id) in ("htxsnv", "httnv", "htnv")),
                "disciplined_count": int(hit), "rating": "htnv" if hit else "httnv"})
    b.store.insert_many("unit_year", unit_rows)


def _nomination_row(b: DemoBuilder, nomination_id: str, spec: DecisionSpec, r: Recipient, kind: str,
                    proposer: dict[str, Any], status: str, decision_id: str | None) -> dict[str, Any]:
    rng = b.rng
    voted = r.form_code in ("CSTDCS", "CSTD_TINH", "BK_TINH", "BK_TTG", "CO_TD_TINH", "CO_TD_CP")
    present = rng.choice((8, 9, 9, 9)) if voted else None
    return {
        "id": nomination_id, "year": spec.signed_on.year, "form_code": r.form_code, "kind": kind,
        "subject": r.subject, "person_id": r.person.id if r.person else None,
        "unit_id": r.unit["id"] if r.unit else None, "proposing_unit_id": proposer["id"],
        "position": r.person.position if r.person else "",
        "is_manager": int(r.person.is_manager) if r.person else None,
        "achievement": r.achievement, "status": status, "submitted_on": (spec.signed_on - timedelta(days=20)).isoformat(),
        "votes_members": 9 if voted else None, "votes_present": present, "votes_valid": present,
        "votes_yes": (present - rng.choice((0, 0, 1))) if voted and present else None,
        "decision_id": decision_id}


def _rejected_nominations(b: DemoBuilder) -> None:
    """Proposals of 2020 that the council did not pass: what the eligibility checks must catch."""
    rng = b.rng
    spec = DecisionSpec("", date(2020, 12, 1), "don_vi", b.texts["city"], "", "", "CSTDCS", "cong_trang", [])
    rows = []
    recruits = [p for p in b.people if p.recruited_on.year == 2020 and not p.resident]
    for person in rng.sample(recruits, 4):
        rows.append(_nomination_row(b, b.new_id(), spec, Recipient("LDTT", "ca_nhan", person=person,
                                    achievement="Hoàn thành tốt nhiệm vụ được giao"), "cong_trang",
                                    person.unit, "rejected", None))
    plain = [p for p in b.pool(2020) if p.id not in b.titles_2020["standard"]]
    for person in rng.sample(plain, 8):
        rows.append(_nomination_row(b, b.new_id(), spec, Recipient("CSTDCS", "ca_nhan", person=person,
                                    achievement="Hoàn thành nhiệm vụ được giao"), "cong_trang",
                                    person.unit, "rejected", None))
    for unit in (b.unit_by_name["UBND phường Cửa Bắc"], b.unit_by_name["Trường Tiểu học Lộc Vượng"]):
        rows.append(_nomination_row(b, b.new_id(), spec, Recipient("TTLDTT", "tap_the", unit=unit,
                                    achievement="Hoàn thành tốt nhiệm vụ năm 2020"), "cong_trang",
                                    unit, "rejected", None))
    b.store.insert_many("nomination", rows)


def _build_blocs(b: DemoBuilder, ws: Workspace) -> None:
    """The blocs of 2019 and 2020 with their members, criteria and scores, through the blocs service (the
    leader of 2020 scores highest; 2019's leader heads the bloc in 2020 and the next unit in 2019)."""
    rng = b.rng
    criteria_spec = b.spec["criteria"]
    for year in (2019, 2020):
        for order, bloc_spec in enumerate(b.spec["blocs"], start=1):
            members = _bloc_members(b, bloc_spec)
            leader = b.unit_by_name[bloc_spec["leader"]]
            others = [m for m in members if m is not leader]
            head = leader if year == 2019 else others[0]
            b.keep_draws(1 + len(members) + len(criteria_spec))
            points = []
            for member in members:
                top = member is leader and year == 2020
                for criterion in criteria_spec:
                    share = rng.uniform(0.93, 0.99) if top else rng.uniform(0.78, 0.92)
                    b.new_id()  # the score's key was drawn here
                    points.append(round(criterion["max_points"] * share * 2) / 2)
            for _ in range(len(points)):
                b.new_id()  # and the insert's own draw after them
            with b.through_services():
                bloc_id = blocs.add_bloc(ws, year, bloc_spec["name"], head_unit_id=head["id"],
                                         deputy_unit_id=others[1]["id"], sort_order=order).id
                blocs.set_members(ws, bloc_id, [m["id"] for m in members])
                criteria = [blocs.add_criterion(ws, bloc_id, c["name"], c["max_points"], sort_order=i).id
                            for i, c in enumerate(criteria_spec, start=1)]
                scores = iter(points)
                for member in members:
                    for criterion_id in criteria:
                        blocs.set_score(ws, criterion_id, member["id"], next(scores))


def _bloc_members(b: DemoBuilder, bloc_spec: dict[str, Any]) -> list[dict[str, Any]]:
    if "kinds" in bloc_spec:
        return [u for u in b.units if u["kind"] in bloc_spec["kinds"]]
    if "school" in bloc_spec:
        return [u for u in b.units if u.get("school") == bloc_spec["school"]]
    names = set(bloc_spec["phuong"])
    return [u for u in b.units if u["kind"] in ("phuong", "xa") and u["name"].split(" ", 2)[-1] in names]


def _build_organisation(b: DemoBuilder, ws: Workspace) -> None:
    """The office profile and its signatories, through the services the setup uses."""
    spec = b.spec
    org.save_organisation(ws, None, **spec["organisation"])
    for order, signatory in enumerate(spec["signatories"], start=1):
        created = org.add_signatory(ws, signatory["full_name"], signatory["position"], is_head=signatory["is_head"],
                                    sort_order=order)
        b.signatories[signatory["full_name"]] = {"id": created.id, "full_name": signatory["full_name"],
                                                 "position": signatory["position"]}
    b.keep_draws(1 + len(spec["signatories"]))


def _build_council(b: DemoBuilder, ws: Workspace) -> None:
    """The council and its members (a member named by the unit they head is that unit's head or deputy)."""
    council = b.spec["council"]
    council_id = org.add_council(ws, council["name"], established_by=council["established_by"],
                                 valid_from=council["valid_from"]).id
    for order, member in enumerate(council["members"], start=1):
        unit = b.unit_by_name.get(member.get("unit", ""))
        person = None
        if unit:
            heads = [p for p in b.people if p.unit is unit and p.is_manager]
            person = heads[1] if member.get("deputy") and len(heads) > 1 else heads[0]
        org.add_council_member(ws, council_id, member.get("full_name") or (person.full_name if person else ""),
                               member["position"], member["role"], person_id=person.id if person else None,
                               unit_id=unit["id"] if unit else None, sort_order=order)
    b.keep_draws(1 + len(council["members"]))


def _format_sections(sections: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    out = []
    for section in sections:
        item = {k: v for k, v in section.items() if k != "children"}
        for key in ("title", "body"):
            if key in item:
                item[key] = item[key].replace("{year}", str(year)).replace("{next_year}", str(year + 1))
        item["children"] = _format_sections(section.get("children", []), year)
        out.append(item)
    return out


def _build_report(b: DemoBuilder, ws: Workspace) -> None:
    """The 2020 report from ``resources/demo/report.toml``, through the reports service."""
    spec = b.spec["report"]
    texts = _load("report.toml")
    signer = b.signatories[spec["signer"]]
    organisation = b.spec["organisation"]
    reports.create_report(
        ws, year=2020, title=spec["title"], number=spec["number"], symbol=organisation["symbol_report"],
        signed_on=spec["signed_on"], place_name=organisation["place_name"], signer_id=signer["id"],
        signer_name=signer["full_name"], signer_position=signer["position"], signing_lines=texts["signing_lines"],
        recipients=spec["recipients"], sections=_format_sections(texts["sections"], 2020))


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resource_path("demo", name).read_text(encoding="utf-8"))


def build_demo(path: Path | str, catalog: Catalog | None = None) -> Path:
    """Build the demo database at ``path`` (which must not exist)."""
    target = Path(path)
    if target.exists():
        raise FileExistsError(target)
    spec = _load("demo.toml")
    catalog = catalog or load_catalog()
    store = open_store(target, actor=DEMO_ACTOR)
    store.clock = lambda: "2020-12-15T08:00:00Z"
    store.host = "demo"
    try:
        b = DemoBuilder(store, catalog, spec, _load("decisions.toml"), random.Random(spec["seed"]),
                        random.Random(f"{spec['seed']}:services"))
        store.new_id = b.new_id
        ws = Workspace(store, catalog)
        install_catalog(store, catalog)
        b.build_units()
        b.build_people()
        city_units = [u for u in b.units if u["kind"] in (*POOL_KINDS, "doanh_nghiep")]
        for unit in b.units:
            heads = [p for p in b.people if p.unit is unit and p.is_manager]
            unit["_head"] = heads[0] if heads else None
        ward = b.unit_by_name["UBND phường Vị Hoàng"]
        b.hero_mother = b.add_person(ward, "", False, gender="nu", birth_year=1921, resident=True, deceased=True,
                                     recruited_on=date(2000, 1, 1))
        # 2018 → 2020 titles, with chains: CSTĐCS holders of one year are favoured the next.
        t18 = _year_titles(b, 2018, {"managers": 470, "staff": 1735, "cstd_managers": 186, "cstd_staff": 132}, {})
        t19 = _year_titles(b, 2019, {"managers": 485, "staff": 1788, "cstd_managers": 193, "cstd_staff": 138},
                           {"standard": t18["standard"], "cstd": t18["cstd_ids"]})
        chain = t18["cstd_ids"] & t19["cstd_ids"]
        fighters = [p for p in b.people if p.id in chain and p.is_manager and _is_school(p)][:5]
        t20 = _year_titles(b, 2020, {"managers": 498, "staff": 1828, "cstd_managers": 201, "cstd_staff": 141,
                                     "force": fighters},
                           {"standard": t19["standard"], "cstd": t19["cstd_ids"]})
        b.chain_2019 = t19["cstd_ids"]
        b.provincial_fighters = fighters
        b.titles_2020 = t20
        _initiatives(b, fighters, 2020, scope="tinh")
        with store.transaction():
            with b.through_services():
                _build_organisation(b, ws)
            _build_history(b, {2018: t18, 2019: t19}, city_units)
            _build_2020(b, t20, city_units)
            _insert_people(b)
            with b.through_services():
                _build_council(b, ws)
            _insert_decisions(b)
            _build_blocs(b, ws)
            with b.through_services():
                _build_report(b, ws)
            store.log("create", "demo", "", "Tạo cơ sở dữ liệu mẫu năm 2020 (UBND thành phố Nam Định)")
            # every build is the same demo database (the id migration 0011 drew is replaced, not audited)
            store.conn.execute("UPDATE settings SET value = ?, updated_at = ?, updated_by = ? WHERE key = ?",
                               [json.dumps(f"{spec['seed']:032x}"), store.clock(), DEMO_ACTOR, DATABASE_ID.key])
        store.conn.execute("VACUUM")
    except BaseException:
        store.close()
        target.unlink(missing_ok=True)
        raise
    store.close()
    return target


DEMO_FORMAT = 3  # bump when the generator's code changes what it writes


def demo_fingerprint() -> str:
    """Changes whenever the demo's inputs change (its data, the catalog, the schema or the generator)."""
    digest = hashlib.sha256(f"{__version__}:{DEMO_FORMAT}".encode())
    for path in (*sorted(resource_path("demo").glob("*.toml")), resource_path("catalog", "catalog.toml"),
                 *sorted(MIGRATIONS_DIR.glob("*.sql"))):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def demo_template() -> Path:
    """The cached demo database for these inputs (built once, never opened for writing)."""
    folder = cache_dir()
    path = folder / f"demo-{__version__}-s{schema_version()}-{demo_fingerprint()}.sqlite"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix="demo-", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(temp)
        build_demo(temp)
        os.replace(temp, path)
    return path


def demo_copy() -> Path:
    """A fresh temporary copy of the demo database; the caller may change it freely, and should hand it to
    :func:`discard_copy` when done."""
    template = demo_template()
    fd, temp = tempfile.mkstemp(prefix="emulation-desk-demo-", suffix=".sqlite")
    os.close(fd)
    shutil.copyfile(template, temp)
    return Path(temp)


def discard_copy(path: Path | str) -> None:
    """Remove a temporary database copy with everything the program writes beside it (journal, lock, the
    clean-close mark)."""
    from emulation_desk.storage.health import CLEAN_MARK
    from emulation_desk.storage.lock import LOCK_SUFFIX

    for suffix in ("", "-journal", "-wal", "-shm", CLEAN_MARK, LOCK_SUFFIX):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
