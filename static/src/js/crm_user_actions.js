/** @odoo-module **/
// The Action menu of users offers Archive, Unarchive and Delete only on users
// the current user may manage (crm_can_manage): the server refuses the others.
import { patch } from "@web/core/utils/patch";
import { FormController } from "@web/views/form/form_controller";
import { ListController } from "@web/views/list/list_controller";

const GUARDED_ITEMS = ["archive", "unarchive", "delete"];

function guardItems(items, records) {
    const refused = records.some(
        (record) => "crm_can_manage" in record.data && !record.data.crm_can_manage
    );
    if (refused) {
        for (const key of GUARDED_ITEMS) {
            if (items[key]) {
                items[key].isAvailable = () => false;
            }
        }
    }
    return items;
}

patch(FormController.prototype, {
    getStaticActionMenuItems() {
        const items = super.getStaticActionMenuItems();
        if (this.props.resModel !== "res.users" || this.model.root.isNew) {
            return items;
        }
        return guardItems(items, [this.model.root]);
    },
});

patch(ListController.prototype, {
    getStaticActionMenuItems() {
        const items = super.getStaticActionMenuItems();
        if (this.props.resModel !== "res.users") {
            return items;
        }
        return guardItems(items, this.model.root.selection);
    },
});
