/** @odoo-module **/
// Delete and archive dialogs that say what really happens: leads, deals,
// contacts and companies go to the trash; archived users keep their data.
import { _t } from "@web/core/l10n/translation";
import { session } from "@web/session";
import { patch } from "@web/core/utils/patch";
import { FormController } from "@web/views/form/form_controller";
import { ListController } from "@web/views/list/list_controller";

const TRASHED_MODELS = ["crm.lead", "res.partner"];

function trashProps(props, resModel) {
    const days = session.crm_trash_days;
    if (!days || !TRASHED_MODELS.includes(resModel)) {
        return props;
    }
    return {
        ...props,
        title: _t("Move to the Trash"),
        body: _t(
            "It goes to the Trash (CRM > Trash) with its activities and messages: it can be restored there for %s days, then it is deleted for good.",
            days
        ),
        confirmLabel: _t("Move to the Trash"),
        cancelLabel: _t("Cancel"),
    };
}

function userArchiveProps(props, resModel) {
    if (resModel !== "res.users") {
        return props;
    }
    return {
        ...props,
        body: _t(
            "Archived users can no longer log in; their leads, activities and messages stay and keep their owner. Their seat is freed."
        ),
    };
}

function userDeleteProps(props, resModel, context) {
    if (resModel !== "res.users" || !context.crm_user_management_archive_on_delete) {
        return props;
    }
    return {
        ...props,
        title: _t("Archive users"),
        body: _t(
            "Delete archives these users: they can no longer log in; their leads, activities and messages stay and keep their owner."
        ),
        confirmLabel: _t("Archive"),
    };
}

for (const Controller of [FormController, ListController]) {
    patch(Controller.prototype, {
        get deleteConfirmationDialogProps() {
            const resModel = this.props.resModel;
            const props = trashProps(super.deleteConfirmationDialogProps, resModel);
            return userDeleteProps(props, resModel, this.props.context || {});
        },
        get archiveDialogProps() {
            return userArchiveProps(super.archiveDialogProps, this.props.resModel);
        },
    });
}
