"""aiogram's Telegram types and Bot API methods, validated as usual but built on first use.

aiogram declares about 600 pydantic models (types and methods). The methods are built as they are
declared, and ``aiogram/types/__init__.py`` calls ``model_rebuild()`` on every type to resolve
their forward references, which builds them too: about 100 MB of validators and a second or two
of start-up, for models this product never sees (aiogram issue #1513). ``defer_aiogram_models()``
imports aiogram with pydantic's ``defer_build`` on its models, and turns that ``model_rebuild()``
into putting the names each type needs into its module, where pydantic finds them when the type
is first validated. What each model accepts is unchanged.

Call it before anything imports aiogram (``bot/__init__.py`` does); afterwards it does nothing.
"""

import sys
from typing import Any

from pydantic import BaseModel, ConfigDict


def defer_aiogram_models() -> bool:
    """Import aiogram with its models left to build on first use. False when aiogram was
    imported already (its models are then built, as aiogram does it)."""
    if "aiogram" in sys.modules:
        return False
    config = BaseModel.__dict__["model_config"]
    rebuild = BaseModel.__dict__["model_rebuild"]

    def name_forward_references(cls: type[BaseModel], **options: Any) -> bool | None:
        namespace = options.get("_types_namespace")
        if namespace is None or options.get("force"):
            options["_parent_namespace_depth"] = options.get("_parent_namespace_depth", 2) + 1
            return rebuild.__func__(cls, **options)
        module = vars(sys.modules[cls.__module__])
        for name, value in namespace.items():
            module.setdefault(name, value)
        return None

    # Read by every model declared meanwhile: aiogram's, as its modules are imported.
    BaseModel.model_config = ConfigDict(**config, defer_build=True)
    BaseModel.model_rebuild = classmethod(name_forward_references)
    try:
        import aiogram.types  # noqa: F401
    finally:
        BaseModel.model_config = config
        BaseModel.model_rebuild = rebuild
    return True
