/** @odoo-module **/
// Users list that shows "N of M seats used" in its control panel, counted
// again each time the list loads (a search, a delete, an archive, an action).
import { useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { listView } from "@web/views/list/list_view";
import { ListController } from "@web/views/list/list_controller";

export class CrmUserListController extends ListController {
    static template = "crm_user_management.UserListView";

    setup() {
        this.orm = useService("orm");
        this.seats = useState({ text: "", full: false });
        super.setup();
    }

    get modelParams() {
        const params = super.modelParams;
        const onRootLoaded = params.hooks.onRootLoaded;
        params.hooks = {
            ...params.hooks,
            onRootLoaded: async () => {
                await onRootLoaded?.();
                await this.loadSeats();
            },
        };
        return params;
    }

    async loadSeats() {
        const usage = await this.orm.call("res.users", "get_seat_usage_summary", []);
        this.seats.text = usage.text;
        this.seats.full = Boolean(usage.limit) && !usage.available;
    }
}

registry.category("views").add("crm_user_list", {
    ...listView,
    Controller: CrmUserListController,
});
