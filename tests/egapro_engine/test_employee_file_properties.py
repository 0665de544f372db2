"""Properties of the employee-file reader: any bytes fail cleanly, and a file scores exactly
like the raw document a person would aggregate from the same staff by hand."""

import csv
import datetime
import io
import math
import statistics
import zipfile
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from egapro_engine import EngineError, compute_document, compute_employee_file
from egapro_engine.employee_file import read_employee_file

CSPS = ("ouv", "emp", "tam", "ic")
AGE_BANDS = ("under_30", "30_39", "40_49", "50_plus")
SEXES = ("women", "men")
PERIOD_END = datetime.date(2025, 12, 31)
SCORED = ("workforce_range", "indicators", "points", "max_points", "index", "obligations")


def tiny_xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


VALID_XLSX = tiny_xlsx([["sexe", "csp", "age", "remuneration_etp"], ["F", "emp", 35, 30000]])
VALID_CSV = b"sexe;csp;age;remuneration_etp;augmente\r\nF;emp;35;30000;oui\r\n"


def flipped(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    changed = bytearray(data)
    for position, value in flips:
        changed[position % len(changed)] = value
    return bytes(changed)


def truncated_zip_member(member: str, cut: int) -> bytes:
    """The valid workbook with one member cut short: a broken but well-formed zip."""
    source = zipfile.ZipFile(io.BytesIO(VALID_XLSX))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(
                name, content[: cut % (len(content) + 1)] if name == member else content
            )
    return buffer.getvalue()


flips = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8)
any_bytes = st.one_of(
    st.binary(max_size=3000),
    st.binary(max_size=3000).map(lambda tail: b"PK\x03\x04" + tail),
    st.binary(max_size=3000).map(lambda tail: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + tail),
    st.binary(max_size=3000).map(lambda tail: b"\xff\xfe" + tail),
    flips.map(lambda changes: flipped(VALID_XLSX, changes)),
    flips.map(lambda changes: flipped(VALID_CSV, changes)),
    st.tuples(
        st.sampled_from(zipfile.ZipFile(io.BytesIO(VALID_XLSX)).namelist()), st.integers(0, 5000)
    ).map(lambda args: truncated_zip_member(*args)),
)
csv_like_text = st.text(
    alphabet=st.sampled_from(list('FHWM;,\t"\r\n 0123456789.,€éoui-nonempic/xX\u00a0\x00')),
    max_size=400,
).map(lambda body: "sexe;csp;age;remuneration_etp;augmente;exclu;niveau\r\n" + body)


def read_and_score(data: bytes, name: str, **options) -> None:
    """Read and score; any failure must be an ``EngineError`` with a code and a message."""
    try:
        read_employee_file(data, name, **options)
        compute_employee_file(data, name, **options)
    except EngineError as error:
        assert error.code and error.message
        assert error.code.replace("_", "").isalpha() and error.code.islower()


@settings(max_examples=500, deadline=None)
@given(data=any_bytes, name=st.sampled_from(["staff.csv", "staff.xlsx", "staff"]))
def test_any_bytes_give_a_result_or_an_engine_error(data, name):
    read_and_score(data, name)


@settings(max_examples=500, deadline=None)
@given(
    text=csv_like_text,
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
    mode=st.sampled_from(["csp", "other_level"]),
)
def test_any_csv_text_gives_a_result_or_an_engine_error(text, encoding, mode):
    read_and_score(text.encode(encoding, errors="replace"), "staff.csv", mode=mode)


# --- same scores as the document aggregated by hand -------------------------------------


@dataclass
class Employee:
    sex: str  # "women" / "men"
    csp: str
    age: int
    birth: datetime.date
    level: str
    pay_fte_cents: int
    pay_cents: int
    raised: bool
    promoted: bool
    returned: bool
    returned_raised: bool
    excluded: bool


@st.composite
def employees(draw):
    # Mostly two CSP and two age bands, so that groups are large enough to be valid.
    age = draw(st.one_of(st.sampled_from([35, 57]), st.integers(14, 100)))
    # The period ends on 31 December: anyone born that many years earlier has that age.
    year = PERIOD_END.year - age
    birth = draw(st.dates(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    returned = draw(st.booleans())
    return Employee(
        sex=draw(st.sampled_from(SEXES)),
        csp=draw(st.sampled_from(("emp", "emp", "emp", "ic", "ic", "ic", "ouv", "tam"))),
        age=age,
        birth=birth,
        level=draw(st.sampled_from(["A", "B", "Niveau 3"])),
        pay_fte_cents=draw(
            st.one_of(st.integers(2_500_000, 3_500_000), st.integers(1, 10**11), st.just(3_000_000))
        ),
        pay_cents=draw(st.integers(0, 10**10)),
        raised=draw(st.booleans()),
        promoted=draw(st.booleans()),
        returned=returned,
        returned_raised=returned and draw(st.booleans()),
        excluded=draw(st.integers(0, 9)) == 0,
    )


def age_band(age: int) -> str:
    return AGE_BANDS[0 if age < 30 else 1 if age < 40 else 2 if age < 50 else 3]


def by_hand(staff: list[Employee], *, band, mode, columns) -> dict:
    """The raw document (engine-contract §2), aggregated the plain way."""
    used = [employee for employee in staff if not (employee.excluded and "exclu" in columns)]
    if band is None:
        band = "50:250" if len(used) <= 250 else "251:999" if len(used) < 1000 else "1000:"

    def flag(employee, name, column):
        return getattr(employee, name) if column in columns else False

    headcount = {csp: {age: {sex: 0 for sex in SEXES} for age in AGE_BANDS} for csp in CSPS}
    for employee in used:
        headcount[employee.csp][age_band(employee.age)][employee.sex] += 1
    pays: dict[tuple, list[float]] = {}
    for employee in used:
        group = employee.csp if mode == "csp" else employee.level
        pays.setdefault((group, age_band(employee.age), employee.sex), []).append(
            employee.pay_fte_cents / 100
        )
    if mode == "csp":
        salaries = {}
        for csp in CSPS:
            for age in AGE_BANDS:
                women, men = pays.get((csp, age, "women")), pays.get((csp, age, "men"))
                if women and men:
                    salaries.setdefault(csp, {})[age] = {
                        "women": statistics.fmean(women),
                        "men": statistics.fmean(men),
                    }
        indicator1 = {"mode": mode, "csp_mean_salaries": salaries}
    else:
        levels = []
        for name in dict.fromkeys(employee.level for employee in used):
            groups = {}
            for age in AGE_BANDS:
                women, men = pays.get((name, age, "women"), []), pays.get((name, age, "men"), [])
                if women or men:
                    both = women and men
                    groups[age] = {
                        "women_count": len(women),
                        "men_count": len(men),
                        "women_mean_salary": statistics.fmean(women) if both else None,
                        "men_mean_salary": statistics.fmean(men) if both else None,
                    }
            levels.append({"name": name, "groups": groups})
        indicator1 = {"mode": mode, "levels": levels}
    document = {"kind": "raw", "workforce_range": band, "headcount": headcount}
    document["indicator1"] = indicator1
    if band == "50:250":
        raised = {sex: 0 for sex in SEXES}
        for employee in used:
            if flag(employee, "raised", "augmente") or flag(employee, "promoted", "promu"):
                raised[employee.sex] += 1
        document["indicator2and3"] = (
            {
                "declared_calculable": True,
                "raised_women": raised["women"],
                "raised_men": raised["men"],
            }
            if sum(raised.values())
            else {"declared_calculable": False}
        )
    else:
        for key, name, column in (
            ("indicator2", "raised", "augmente"),
            ("indicator3", "promoted", "promu"),
        ):
            concerned = [employee for employee in used if flag(employee, name, column)]
            if not concerned:
                document[key] = {"declared_calculable": False}
                continue
            rates = {}
            for csp in CSPS:
                rates[csp] = {}
                for sex in SEXES:
                    total = sum(1 for e in used if e.csp == csp and e.sex == sex)
                    count = sum(1 for e in concerned if e.csp == csp and e.sex == sex)
                    rates[csp][sex] = count / total * 100 if total else 0.0
            document[key] = {"declared_calculable": True, "rate_pct": rates}
    returned = [e for e in used if flag(e, "returned", "retour_conge_maternite")]
    returned_raised = [e for e in returned if flag(e, "returned_raised", "augmentee_retour")]
    document["indicator4"] = (
        {
            "declared_calculable": True,
            "returned_count": len(returned),
            "raised_count": len(returned_raised),
        }
        if returned
        else {"declared_calculable": False}
    )
    ranked = sorted(
        used,
        key=lambda e: -(e.pay_cents if "remuneration" in columns else e.pay_fte_cents),
    )
    top = [employee.sex for employee in ranked[:10]]
    document["indicator5"] = {sex: top.count(sex) for sex in SEXES}
    return document


SEX_WORDS = [
    {"women": "F", "men": "H"},
    {"women": "femme", "men": "Homme"},
    {"women": "W", "men": "M"},
    {"women": "Female", "men": "male"},
]
CSP_WORDS = [
    {csp: csp for csp in CSPS},
    {
        "ouv": "Ouvriers",
        "emp": "Employés",
        "tam": "Techniciens et agents de maîtrise",
        "ic": "Ingénieurs et cadres",
    },
]
FLAG_WORDS = [("oui", "non"), ("1", "0"), ("Yes", ""), ("TRUE", "false"), ("x", "")]
OPTIONAL = [
    "remuneration",
    "augmente",
    "promu",
    "retour_conge_maternite",
    "augmentee_retour",
    "exclu",
]


def amount_text(cents: int, style: int) -> str:
    whole, fraction = divmod(cents, 100)
    if style == 0:
        return f"{whole},{fraction:02d}"
    if style == 1:
        return f"{whole}.{fraction:02d}"
    grouped = f"{whole:,}"
    if style == 2:
        return grouped.replace(",", "\u202f") + f",{fraction:02d} €"
    return grouped.replace(",", ".") + f",{fraction:02d}"


@st.composite
def layouts(draw):
    columns = [
        "sexe",
        "csp",
        draw(st.sampled_from(["age", "date_naissance"])),
        "remuneration_etp",
        "niveau",
    ]
    columns += [name for name in OPTIONAL if draw(st.integers(0, 5))]
    if "augmentee_retour" in columns and "retour_conge_maternite" not in columns:
        columns.append("retour_conge_maternite")
    order = draw(st.permutations(columns))
    return {
        "columns": order,
        "separator": draw(st.sampled_from([";", ",", "\t"])),
        "encoding": draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])),
        "amounts": draw(st.integers(0, 3)),
        "sex": draw(st.sampled_from(SEX_WORDS)),
        "csp": draw(st.sampled_from(CSP_WORDS)),
        "flags": draw(st.sampled_from(FLAG_WORDS)),
        "quote_all": draw(st.booleans()),
    }


def cell(employee: Employee, column: str, layout: dict, spreadsheet: bool):
    yes, no = layout["flags"]
    flags = {
        "augmente": "raised",
        "promu": "promoted",
        "retour_conge_maternite": "returned",
        "augmentee_retour": "returned_raised",
        "exclu": "excluded",
    }
    if column in flags:
        value = getattr(employee, flags[column])
        return value if spreadsheet else (yes if value else no)
    if column in ("remuneration_etp", "remuneration"):
        cents = employee.pay_fte_cents if column == "remuneration_etp" else employee.pay_cents
        return cents / 100 if spreadsheet else amount_text(cents, layout["amounts"])
    if column == "age":
        return employee.age if spreadsheet else str(employee.age)
    if column == "date_naissance":
        return employee.birth if spreadsheet else employee.birth.strftime("%d/%m/%Y")
    if column == "sexe":
        return layout["sex"][employee.sex]
    if column == "csp":
        return layout["csp"][employee.csp]
    return employee.level


def render(staff: list[Employee], layout: dict, spreadsheet: bool) -> bytes:
    rows = [[cell(e, column, layout, spreadsheet) for column in layout["columns"]] for e in staff]
    if spreadsheet:
        return tiny_xlsx([list(layout["columns"]), *rows])
    buffer = io.StringIO()
    quoting = csv.QUOTE_ALL if layout["quote_all"] else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, delimiter=layout["separator"], quoting=quoting)
    writer.writerow(layout["columns"])
    writer.writerows(rows)
    try:
        return buffer.getvalue().encode(layout["encoding"])
    except UnicodeEncodeError:  # narrow no-break spaces have no Windows-1252 code
        return buffer.getvalue().encode("utf-8")


def scored(output) -> dict:
    dumped = output.model_dump(mode="json")
    return {key: dumped[key] for key in SCORED}


@st.composite
def staffs(draw):
    size = draw(st.one_of(st.integers(1, 12), st.integers(40, 90)))
    return [draw(employees()) for _ in range(size)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    staff=staffs(),
    layout=layouts(),
    spreadsheet=st.integers(0, 4).map(lambda n: n == 0),
    band=st.sampled_from([None, None, "50:250", "251:999", "1000:"]),
    mode=st.sampled_from(["csp", "csp", "branch_level"]),
)
def test_a_file_scores_like_the_document_aggregated_by_hand(staff, layout, spreadsheet, band, mode):
    staff[0].excluded = False  # at least one employee counts
    data = render(staff, layout, spreadsheet)
    name = "staff.xlsx" if spreadsheet else "staff.csv"
    output = compute_employee_file(data, name, band=band, mode=mode, period_end=PERIOD_END)
    expected = by_hand(staff, band=band, mode=mode, columns=layout["columns"])
    expected["year"] = PERIOD_END.year
    assert scored(output) == scored(compute_document(expected))
    used = sum(1 for e in staff if not (e.excluded and "exclu" in layout["columns"]))
    assert output.rows == {"read": len(staff), "used": used, "excluded": len(staff) - used}
    # The aggregated document itself is the hand-made one, up to the last bit of the means.
    assert _close(output.aggregated_input, expected)


def _close(actual, expected) -> bool:
    if isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            _close(actual[key], expected[key]) for key in expected
        )
    if isinstance(expected, list):
        return len(actual) == len(expected) and all(map(_close, actual, expected))
    if isinstance(expected, float):
        return math.isclose(actual, expected, rel_tol=1e-15)
    return actual == expected
