"""Turn the département and région cells of an import into a département code and region name."""

from typing import Any

from store.data.departements import find_departement, find_region
from store.imports.reading import cell_text
from store.imports.report import RowRefused


def place(departement_cell: Any, region_cell: Any) -> tuple[str | None, str | None]:
    """(département code, region name); the région follows the département when both are given."""
    departement_text = cell_text(departement_cell)
    if departement_text:
        departement = find_departement(departement_text)
        if departement is None:
            raise RowRefused("unknown_departement", value=departement_text)
        return departement.code, departement.region.name
    region_text = cell_text(region_cell)
    if region_text:
        region = find_region(region_text)
        if region is None:
            raise RowRefused("unknown_region", value=region_text)
        return None, region.name
    return None, None
