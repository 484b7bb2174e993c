from . import res_partner
from . import res_users
from . import res_users_apikeys
from . import res_groups
from . import res_config_settings
