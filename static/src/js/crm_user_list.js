/** @odoo-module **/
// Users list that shows "N of M seats used" in its control panel.
import { onWillStart, onWillUpdateProps, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { listView } from "@web/views/list/list_view";
import { ListController } from "@web/views/list/list_controller";

export class CrmUserListController extends ListController {
    static template = "crm_user_management.UserListView";

    setup() {
        super.setup();
        this.orm = useService("orm");
        this.seats = useState({ text: "", full: false });
        onWillStart(() => this.loadSeats());
        onWillUpdateProps(() => this.loadSeats());
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
