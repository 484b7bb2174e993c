/** @odoo-module **/
// The Action menu of users offers nothing on a user the current user may not
// manage (crm_can_manage: the Owner for an Admin, Admins for a delegate):
// neither Archive, Unarchive, Delete, Duplicate nor the bound actions (Change
// Password, two-factor...), which the server refuses. On oneself, Odoo's menu.
import { user } from "@web/core/user";
import { patch } from "@web/core/utils/patch";
import { FormController } from "@web/views/form/form_controller";
import { ListController } from "@web/views/list/list_controller";

function refusedAmong(records) {
    return records.some(
        (record) =>
            "crm_can_manage" in record.data &&
            !record.data.crm_can_manage &&
            record.resId !== user.userId
    );
}

function withoutActions(items) {
    return { ...items, action: [] };
}

patch(FormController.prototype, {
    get actionMenuItems() {
        const items = super.actionMenuItems;
        const root = this.model.root;
        if (this.props.resModel !== "res.users" || root.isNew || !refusedAmong([root])) {
            return items;
        }
        return withoutActions(items);
    },
});

patch(ListController.prototype, {
    get actionMenuItems() {
        const items = super.actionMenuItems;
        if (this.props.resModel !== "res.users" || !refusedAmong(this.model.root.selection)) {
            return items;
        }
        return withoutActions(items);
    },
});
