from . import crm_user_invite_wizard
from . import crm_user_invite_wizard_line
