from . import crm_user_invite_wizard
from . import crm_user_invite_wizard_address
from . import crm_user_invite_wizard_line
from . import crm_role_reassign_wizard
from . import crm_role_reassign_wizard_line
from . import crm_visibility_group_delete_wizard
from . import crm_lead_to_opportunity
from . import crm_user_role_wizard
