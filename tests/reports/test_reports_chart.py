import io

import pytest
from PIL import Image, ImageChops

from reports.chart import HEIGHT, WIDTH, render_chart_png

GREEN = (24, 117, 60)
ORANGE = (214, 100, 40)
RED = (206, 5, 0)
GREY = (102, 102, 102)


def open_png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    image.load()
    return image.convert("RGB")


def close_to(pixel, colour, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def badge_colour(image: Image.Image) -> tuple[int, int, int]:
    # Left inner edge of the index badge, below its rounded corner and left of its text.
    return image.getpixel((WIDTH - 40 - 270 + 8, 70))


def fill_runs(image: Image.Image, colour) -> list[tuple[int, int, int]]:
    """(y, first x, last x) of every pixel row below the header holding ``colour``."""
    difference = ImageChops.difference(image, Image.new("RGB", image.size, colour))
    red, green, blue = difference.split()
    mask = ImageChops.lighter(ImageChops.lighter(red, green), blue).point(
        lambda value: 255 if value <= 6 else 0
    )
    runs = []
    for y in range(160, HEIGHT):
        box = mask.crop((0, y, WIDTH, y + 1)).getbbox()
        if box and box[2] - box[0] > 20:
            runs.append((y, box[0], box[2] - 1))
    return runs


def test_chart_is_a_png_of_the_expected_size_with_several_colours(result_50_250):
    image = open_png(render_chart_png(result_50_250))
    assert image.size == (WIDTH, HEIGHT) == (1000, 640)
    colours = image.getcolors(maxcolors=WIDTH * HEIGHT)
    assert len(colours) > 50
    assert any(close_to(colour, GREEN, 4) for _, colour in colours)
    assert any(close_to(colour, ORANGE, 4) for _, colour in colours)


def test_index_badge_colour_follows_thresholds(
    result_50_250, result_over_250, result_not_calculable
):
    assert close_to(badge_colour(open_png(render_chart_png(result_50_250))), GREEN)
    assert close_to(badge_colour(open_png(render_chart_png(result_over_250))), RED)
    assert close_to(badge_colour(open_png(render_chart_png(result_not_calculable))), GREY)
    result_50_250["index"] = 80
    assert close_to(badge_colour(open_png(render_chart_png(result_50_250))), ORANGE)


def test_bar_length_is_note_over_max(result_50_250):
    image = open_png(render_chart_png(result_50_250))
    # Indicator 1 (33/40) and indicator 5 (5/10) are orange: two bars, one per row.
    runs = fill_runs(image, ORANGE)
    first_bar = [run for run in runs if run[0] < runs[0][0] + 20]
    last_bar = [run for run in runs if run[0] > runs[-1][0] - 20]
    track_left, track_width = 40, 920
    middle = first_bar[len(first_bar) // 2]
    assert middle[2] == pytest.approx(track_left + track_width * 33 / 40, abs=4)
    middle = last_bar[len(last_bar) // 2]
    assert middle[2] == pytest.approx(track_left + track_width * 5 / 10, abs=4)
    # Indicator 2&3 at its maximum: a full green bar.
    green_runs = [run for run in fill_runs(image, GREEN) if run[0] > 150]
    assert max(run[2] for run in green_runs) >= track_left + track_width - 6


def test_non_calculable_indicator_has_no_filled_bar(result_not_calculable):
    image = open_png(render_chart_png(result_not_calculable))
    # Only indicator 5 is calculable (10/10): exactly one green bar below the header.
    rows = sorted({y for y, _, _ in fill_runs(image, GREEN)})
    assert rows
    assert rows[-1] - rows[0] < 40
    assert not fill_runs(image, ORANGE)
    assert not [run for run in fill_runs(image, RED) if run[0] > 150]


def test_chart_language_changes_the_image(result_over_250):
    french = render_chart_png(result_over_250, "fr")
    english = render_chart_png(result_over_250, "en")
    assert french != english
    assert render_chart_png(result_over_250, "fr") == french


def test_chart_accepts_an_engine_model_and_refuses_an_error_line(result_50_250):
    class Model:
        def model_dump(self, mode):
            return result_50_250

    assert render_chart_png(Model()) == render_chart_png(result_50_250)
    with pytest.raises(ValueError):
        render_chart_png({"source": "x.json", "error": {"code": "invalid_json"}})
