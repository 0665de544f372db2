"""The pyarrow lane for large CSV files (``employee_arrow``) gives exactly what the exact reader
gives: the same raw document (same numbers, same types, same order), rows and columns, or,
when it gives up, the exact reader's error with its row and column.

Files are generated small, with the lane switched on whatever the size (``ARROW_MIN_BYTES``).
"""

import contextlib
import datetime
import math
import random

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pyarrow import csv as pa_csv

from egapro_engine import EngineError, compute_employee_file
from egapro_engine import employee_file as employee_file_module
from egapro_engine.employee_arrow import FALSE_CELLS, TRUE_CELLS, read_counts
from egapro_engine.employee_file import read_employee_file
from egapro_engine.employee_values import parse_flag

PERIOD_END = datetime.date(2025, 12, 31)
SEX_LABELS = {
    "women": ["F", "f", "Femme", "FEMME", "W", "female", "Féminin"],
    "men": ["H", "h", "Homme", "M", "male", "Masculin", "hommes"],
}
CSP_LABELS = {
    "ouv": ["ouv", "OUV", "Ouvriers", "ouvrière"],
    "emp": ["emp", "Employés", "employée"],
    "tam": ["tam", "Techniciens et agents de maîtrise"],
    "ic": ["ic", "Ingénieurs et cadres", "Cadre", "cadres"],
}
YES = ["oui", "Oui", "1", "x", "O", "VRAI", "yes", " oui"]
NO = ["non", "NON", "0", "", "n", "faux", "Non "]
HEADERS = {
    "id": ["matricule", "Nom"],
    "sex": ["sexe", "Sexe", "genre"],
    "csp": ["csp", "Catégorie socio-professionnelle"],
    "age": ["age", "Âge"],
    "birth_date": ["date_naissance", "Date de naissance"],
    "level": ["niveau", "Coefficient"],
    "pay_fte": ["remuneration_etp", "Rémunération annuelle brute ETP"],
    "pay": ["remuneration", "Rémunération annuelle brute"],
    "raised": ["augmente", "Augmenté"],
    "promoted": ["promu"],
    "maternity_return": ["retour_conge_maternite"],
    "maternity_raised": ["augmentee_retour"],
    "excluded": ["exclu"],
}
OPTIONAL = ["pay", "raised", "promoted", "maternity_return", "maternity_raised", "excluded"]


def amount_text(cents: int, form: str, *, comma_separated: bool) -> str:
    """An amount written as French or English spreadsheets write it."""
    euros, rest = divmod(cents, 100)
    plain = f"{euros}.{rest:02d}"
    grouped = f"{euros:,}"  # 32,500
    forms = {
        "point": plain,
        "integer": str(euros) if not rest else plain,
        "comma": plain.replace(".", ","),
        "spaces": grouped.replace(",", " ") + "," + f"{rest:02d}",
        "no-break": grouped.replace(",", "\u00a0") + f",{rest:02d} €",
        "narrow": grouped.replace(",", "\u202f") + f",{rest:02d}\u202f€",
        "dots": grouped.replace(",", ".") + f",{rest:02d}",
        "commas": grouped + f".{rest:02d}",
        "eur": f"{plain} EUR",
        "sign": f"+{plain}",
        "exponent": f"{cents}e-2",
    }
    text = forms[form]
    if comma_separated and "," in text:
        text = plain
    return text


@st.composite
def staff_files(draw, *, clean: bool):
    """(bytes, options) of a CSV file; ``clean``: only forms the lane reads itself."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    mode = draw(st.sampled_from(["csp", "csp", "branch_level"]))
    birth_dates = draw(st.booleans())
    separator = draw(st.sampled_from([";", ";", ",", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    line_end = draw(st.sampled_from(["\n", "\r\n"]))
    amount_forms = ["point", "integer", "comma", "spaces", "no-break", "dots", "commas", "eur"]
    if encoding != "cp1252":
        amount_forms.append("narrow")
    if not clean:
        amount_forms += ["sign", "exponent"]
    pay_form = draw(st.sampled_from(amount_forms))
    mixed_forms = draw(st.booleans())
    fields = ["id", "sex", "csp", "birth_date" if birth_dates else "age", "pay_fte"]
    fields += [name for name in OPTIONAL if draw(st.booleans())]
    if mode != "csp":
        fields.append("level")
    rng.shuffle(fields)
    header = [rng.choice(HEADERS[name]) for name in fields]
    rows = []
    for number in range(draw(st.integers(1, 60))):
        sex = rng.choice(["women", "men"])
        csp = rng.choice(list(CSP_LABELS))
        age = rng.choice([19, 29, 30, 35, 45, 49, 50, 61, rng.randint(14, 100)])
        pay_fte = rng.choice([3_000_000, rng.randint(1_500_000, 9_000_000), rng.randint(1, 10**11)])
        excluded = "excluded" in fields and rng.random() < 0.1
        returned = rng.random() < 0.3
        cells = {
            "id": f"M{number:04d}",
            "sex": rng.choice(SEX_LABELS[sex]),
            "csp": rng.choice(CSP_LABELS[csp]),
            "age": rng.choice([str(age), str(age), f"{age},0" if separator != "," else str(age)]),
            "birth_date": (datetime.date(PERIOD_END.year - age, 6, 1)).strftime(
                rng.choice(["%d/%m/%Y", "%Y-%m-%d"])
            ),
            "level": rng.choice(["A", "B", "Niveau 3", " 12 "]),
            "raised": rng.choice(YES + NO),
            "promoted": rng.choice(YES + NO),
            "maternity_return": rng.choice(YES) if returned else rng.choice(NO),
            "maternity_raised": rng.choice(YES + NO) if returned else rng.choice(NO),
            "excluded": rng.choice(YES) if excluded else rng.choice(NO),
        }
        for name in ("pay_fte", "pay"):
            cents = pay_fte if name == "pay_fte" else rng.choice([pay_fte, rng.randint(0, 10**10)])
            form = rng.choice(amount_forms) if mixed_forms else pay_form
            cells[name] = amount_text(cents, form, comma_separated=separator == ",")
        if excluded and rng.random() < 0.5:
            cells.update(sex="?", pay_fte="", age="")
        rows.append([cells[name] for name in fields])
    lines = [separator.join(header)] + [separator.join(row) for row in rows]
    if draw(st.booleans()):
        lines.insert(0, "Export du personnel" + separator * 2)
    if draw(st.booleans()):
        lines.insert(rng.randint(2, len(lines)), "")
    text = line_end.join(lines) + (line_end if draw(st.booleans()) else "")
    data = text.encode(encoding)
    band = draw(st.sampled_from([None, None, "50:250", "1000:"]))
    options = {"mode": mode, "band": band, "period_end": PERIOD_END if birth_dates else None}
    return data, options


@contextlib.contextmanager
def lane(enabled: bool):
    saved = employee_file_module.ARROW_MIN_BYTES
    employee_file_module.ARROW_MIN_BYTES = 0 if enabled else 2**62
    try:
        yield
    finally:
        employee_file_module.ARROW_MIN_BYTES = saved


def typed(value):
    """The value with the type of every part, so that 3 and 3.0 (or True and 1) differ."""
    if isinstance(value, dict):
        return ("dict", [(key, typed(item)) for key, item in value.items()])
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(item) for item in value])
    return (type(value).__name__, repr(value))


def outcome(data: bytes, *, lane_on: bool, name: str = "staff.csv", **options):
    with lane(lane_on):
        try:
            read = read_employee_file(data, name, **options)
        except EngineError as error:
            return ("error", error.code, error.message, error.where)
    return ("read", typed(read.raw_document), read.rows, read.columns, read.absent_columns)


def lane_reads(data: bytes, options: dict, name: str = "staff.csv") -> bool:
    return read_counts(data, name, options["mode"], options["period_end"]) is not None


def assert_same(data: bytes, options: dict) -> tuple:
    exact = outcome(data, lane_on=False, **options)
    assert outcome(data, lane_on=True, **options) == exact
    return exact


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(staff_files(clean=True))
def test_the_lane_reads_usual_files_exactly_as_the_exact_reader(file):
    data, options = file
    exact = assert_same(data, options)
    if exact[0] == "read":
        assert lane_reads(data, options), "the lane gave up on a file it reads"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(staff_files(clean=False), st.data())
def test_damaged_files_give_the_same_result_or_the_same_error(file, data):
    content, options = file
    lines = content.split(b"\n")
    assume(len(lines) > 2)
    position = data.draw(st.integers(1, len(lines) - 1))
    damage = data.draw(
        st.sampled_from(
            [b"X", b"abc", b"12,34,5", b"-5", b"0", b"13", b"peut-etre", b"", b'"', b"\r", b";"]
        )
    )
    cells = lines[position].split(b";")
    cells[data.draw(st.integers(0, len(cells) - 1))] = damage
    lines[position] = b";".join(cells)
    assert_same(b"\n".join(lines), options)


USUAL_FRENCH = (
    "\ufeffmatricule;sexe;csp;age;remuneration_etp;remuneration;augmente;promu;"
    "retour_conge_maternite;augmentee_retour;exclu\r\n"
    "A001;F;emp;34;32 500,50 €;32 500,50 €;oui;non;non;non;non\r\n"
    "A002;H;Ingénieurs et cadres;51;58000;58000;non;oui;non;non;\r\n"
    "A003;F;tam;29;41200;20600;oui;non;oui;oui;non\r\n"
    "A004;H;ouv;19;;;;;;;oui\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_the_example_of_the_documentation(encoding):
    data = (
        USUAL_FRENCH.encode(encoding) if encoding == "utf-8" else USUAL_FRENCH[1:].encode(encoding)
    )
    options = {"mode": "csp", "band": None, "period_end": None}
    assert assert_same(data, options)[0] == "read"
    assert lane_reads(data, options)


def test_a_large_file_is_read_by_the_lane_and_scored_the_same():
    rng = random.Random(5)
    header = "matricule;sexe;csp;age;remuneration_etp;remuneration;augmente;exclu"
    lines = [header]
    for number in range(20_000):
        pay = rng.randint(1_800_000, 9_000_000)
        lines.append(
            f"{number};{rng.choice('FH')};{rng.choice(['ouv', 'emp', 'tam', 'ic'])};"
            f"{rng.randint(18, 66)};{pay // 100},{pay % 100:02d};{pay // 100};"
            f"{rng.choice(['oui', 'non'])};{'oui' if rng.random() < 0.02 else 'non'}"
        )
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")
    options = {"mode": "csp", "band": None, "period_end": None}
    assert lane_reads(data, options)
    with lane(True):
        fast = compute_employee_file(data, "staff.csv")
    with lane(False):
        exact = compute_employee_file(data, "staff.csv")
    assert fast.model_dump() == exact.model_dump()
    assert typed(fast.aggregated_input) == typed(exact.aggregated_input)


def test_ten_highest_pay_ties_go_to_the_rows_higher_in_the_file():
    header = "sexe;csp;age;remuneration_etp;remuneration;exclu"
    rows = [f"{'FH'[n % 2]};emp;35;30000;{90000 if n % 3 else 10000};non" for n in range(40)]
    rows[1] = "H;emp;35;30000;90000;oui"  # excluded: not ranked
    data = "\n".join([header, *rows]).encode()
    options = {"mode": "csp", "band": None, "period_end": None}
    exact = assert_same(data, options)
    assert lane_reads(data, options)
    with lane(True):
        top = read_employee_file(data, "staff.csv").raw_document["indicator5"]
    # 90 000 on rows 2, 4, 5, 7, 8, 10, 11, 13, 14, 16 (row 1 is excluded): 6 women, 4 men.
    assert exact[0] == "read" and top == {"women": 6, "men": 4}


@pytest.mark.parametrize(
    "data",
    [
        b'sexe;csp;age;remuneration_etp\n"F";emp;35;30000\n',  # quotes: the csv module's
        b"sexe;csp;age;remuneration_etp\rF;emp;35;30000\r",  # lone carriage returns
        b"sexe;csp;age;remuneration_etp\nF;emp;35;30000\n;;;\n",  # a blank row
        b"sexe;csp;age;remuneration_etp\nF;emp;35;30000;\n",  # a row longer than the header
        b"sexe;csp;age;remuneration_etp\nF;emp;35\n",  # a short row
        b"sexe;csp;age;remuneration_etp\nF;emp;35;abc\n",
        b"sexe;csp;age;remuneration_etp\nF;emp;0x10;30000\n",
        b"sexe;csp;age;remuneration_etp\nF;emp;35;nan\n",
        b"sexe;csp;age;remuneration_etp\nF;emp;35;0\n",
        b"sexe;csp;age;remuneration_etp;augmente\nF;emp;35;30000;01\n",
        b"sexe;csp;age;remuneration_etp;augmentee_retour\nF;emp;35;30000;oui\n",
        "sexe;csp;âge;remuneration_etp\nF;emp;35;30000\n".encode("utf-16"),
        b"sexe;csp;age;remuneration_etp\nF;emp;35;30000\n\x81",
    ],
    ids=lambda data: repr(data[:60]),
)
def test_the_lane_gives_up_where_the_exact_reader_decides(data):
    options = {"mode": "csp", "band": None, "period_end": None}
    assert not lane_reads(data, options)
    assert_same(data, options)


ODD_AMOUNTS = [
    "EUR 1000", "10EUR00", "1000 EURO", "1000eUr", "€1000", "1.000", "1.000.000", "1,000",
    "1,000,000", "1.000,5", "1,000.5", "12.34,5", "1 000.000,5", "1'000", "1’000,5", "0,0",
    "-1000", "1000-", "1.0.0", ",5", "5,", "5.", "1e3", "1E+03", "١٠٠٠", "1 000\u00a0000,50",
    "\t1000\t", "1000 ", " ", "—", "inf", "1e999", "0x10", "1__000", "10.000.00",
]  # fmt: skip


@pytest.mark.parametrize("amount", ODD_AMOUNTS)
@pytest.mark.parametrize("column", ["remuneration_etp", "remuneration"])
def test_odd_amounts_give_the_same_result_or_error(amount, column):
    header = "sexe;csp;age;remuneration_etp;remuneration"
    first = "F;emp;35;30000;30000"
    row = {"remuneration_etp": f"H;emp;35;{amount};1", "remuneration": f"H;emp;35;1;{amount}"}
    data = "\n".join([header, first, row[column]]).encode()
    assert_same(data, {"mode": "csp", "band": None, "period_end": None})


@pytest.mark.parametrize("amount", ["1_000", "+1000", "1000e0", "١٠٠٠", " 1 000,00 EUR"])
def test_other_amount_forms_are_read_by_the_exact_amount_reader(amount):
    data = f"sexe;csp;age;remuneration_etp\nF;emp;35;30000\nH;emp;35;{amount}\n".encode()
    options = {"mode": "csp", "band": None, "period_end": None}
    assert lane_reads(data, options)
    assert assert_same(data, options)[0] == "read"


def test_yes_and_no_cells_read_as_booleans_are_yes_and_no():
    assert all(parse_flag(cell) for cell in TRUE_CELLS)
    assert not any(parse_flag(cell) for cell in FALSE_CELLS)


decimal_texts = st.from_regex(
    r"[+-]?[0-9]{0,30}([.,][0-9]{0,30})?([eE][+-]?[0-9]{1,3})?", fullmatch=True
)
odd_texts = st.text(
    alphabet=st.sampled_from(list("0123456789.,+-eE_xXabfinINF ٣\u00a0\t")), max_size=12
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(decimal_texts, odd_texts), st.sampled_from([".", ","]))
def test_pyarrow_reads_numbers_as_float_does(text, decimal):
    """A cell pyarrow reads as a double is read by ``float`` to the same double (with a
    decimal comma: ``float`` of the cell with a point), or is not a finite number."""
    assume(";" not in text and "\n" not in text and "\r" not in text and text)
    data = f"x\n{text}\n".encode()
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(data),
            parse_options=pa_csv.ParseOptions(quote_char=False),
            convert_options=pa_csv.ConvertOptions(
                column_types={"x": pa.float64()}, decimal_point=decimal, null_values=[""]
            ),
        )
    except pa.ArrowInvalid:
        return
    number = table["x"][0].as_py()
    if number is None or not math.isfinite(number):
        return
    as_python = float(text.replace(",", ".") if decimal == "," else text)
    assert number == as_python and math.copysign(1, number) == math.copysign(1, as_python)
