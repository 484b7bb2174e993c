from . import main
from . import access_review
