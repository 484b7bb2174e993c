/** @odoo-module **/
// Delete and archive dialogs that say what really happens: leads, deals,
// contacts and companies go to the trash; archived users keep their data.
// A toast says it once done.
import { _t } from "@web/core/l10n/translation";
import { session } from "@web/session";
import { patch } from "@web/core/utils/patch";
import { FormController } from "@web/views/form/form_controller";
import { ListController } from "@web/views/list/list_controller";

const TRASHED_MODELS = ["crm.lead", "res.partner"];

function thenNotify(confirm, notify, message) {
    return async () => {
        await confirm();
        notify(message);
    };
}

function trashProps(props, resModel, notify) {
    const days = session.crm_trash_days;
    if (!days || !TRASHED_MODELS.includes(resModel)) {
        return props;
    }
    return {
        ...props,
        confirm: thenNotify(
            props.confirm,
            notify,
            _t("Moved to the Trash: it can be restored from CRM > Trash for %s days.", days)
        ),
        title: _t("Move to the Trash"),
        body: _t(
            "It goes to the Trash (CRM > Trash) with its activities and messages: it can be restored there for %s days, then it is deleted for good.",
            days
        ),
        confirmLabel: _t("Move to the Trash"),
        cancelLabel: _t("Cancel"),
    };
}

function userArchiveProps(props, resModel, notify, archive) {
    if (resModel !== "res.users") {
        return props;
    }
    return {
        ...props,
        confirm: thenNotify(
            archive,
            notify,
            _t("Archived: their leads, activities and messages stay and keep their owner.")
        ),
        body: _t(
            "Archived users can no longer log in; their leads, activities and messages stay and keep their owner. Their seat is freed."
        ),
    };
}

function userDeleteProps(props, resModel, context, notify) {
    if (resModel !== "res.users" || !context.crm_user_management_archive_on_delete) {
        return props;
    }
    return {
        ...props,
        confirm: thenNotify(
            props.confirm,
            notify,
            _t("Archived: their leads, activities and messages stay and keep their owner.")
        ),
        title: _t("Archive users"),
        body: _t(
            "Delete archives these users: they can no longer log in; their leads, activities and messages stay and keep their owner."
        ),
        confirmLabel: _t("Archive"),
    };
}

function notifier(controller) {
    return (message) => controller.env.services.notification.add(message, { type: "success" });
}

for (const Controller of [FormController, ListController]) {
    patch(Controller.prototype, {
        get deleteConfirmationDialogProps() {
            const resModel = this.props.resModel;
            const notify = notifier(this);
            const props = trashProps(super.deleteConfirmationDialogProps, resModel, notify);
            return userDeleteProps(props, resModel, this.props.context || {}, notify);
        },
        get archiveDialogProps() {
            // the list's own confirm does not wait for the archiving to end
            const archive =
                this instanceof ListController
                    ? () => this.toggleArchiveState(true)
                    : () => this.model.root.archive();
            return userArchiveProps(
                super.archiveDialogProps,
                this.props.resModel,
                notifier(this),
                archive
            );
        },
    });
}
