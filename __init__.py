from .hooks import pre_init_hook, uninstall_hook
from . import controllers
from . import models
from . import wizards
