"""aiogram's models are built on first use (bot/lazy_types.py), and every one of them still
builds: no forward reference is left that pydantic cannot resolve.

In a subprocess, as aiogram is imported once per process.
"""

import subprocess
import sys
import textwrap

from tests.e2e.process import PROJECT

CHECK = textwrap.dedent(
    """
    from pydantic import BaseModel

    config, rebuild = BaseModel.__dict__["model_config"], BaseModel.__dict__["model_rebuild"]
    import bot  # imports aiogram with its models deferred

    import aiogram.methods as methods
    import aiogram.types as types

    assert BaseModel.__dict__["model_config"] is config, "BaseModel's config left changed"
    assert BaseModel.__dict__["model_rebuild"] is rebuild, "model_rebuild left patched"
    models = [
        model
        for package in (types, methods)
        for model in (getattr(package, name) for name in package.__all__)
        if isinstance(model, type) and issubclass(model, BaseModel)
    ]
    built = [model.__name__ for model in models if model.__pydantic_complete__]
    assert not built, f"built at import: {built[:5]}"

    update = types.Update.model_validate(
        {"update_id": 7, "callback_query": {"id": "1", "chat_instance": "c", "data": "go",
         "from": {"id": 5, "is_bot": False, "first_name": "Anne"},
         "message": {"message_id": 3, "date": 1767225600, "text": "Choisissez",
                     "chat": {"id": 5, "type": "private"}}}}
    )
    assert update.callback_query.message.chat.id == 5
    assert methods.SendMessage(chat_id=5, text="Bonjour").text == "Bonjour"

    failed = []
    for model in models:
        try:
            model.model_rebuild(force=True)
        except Exception as error:
            failed.append(f"{model.__name__}: {error}")
    assert not failed, failed[:5]
    print(len(models))
    """
)


def test_aiogram_models_are_built_on_first_use_and_all_of_them_build():
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=PROJECT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 500  # types and methods: every one was checked
