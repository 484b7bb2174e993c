/** @odoo-module **/
// An Admin deletes a deal (the dialog says it goes to the trash) and restores it.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_user_management_trash_tour", {
    steps: () => [
        {
            content: "The deal's form",
            trigger: ".o_form_view .o_field_widget[name='name'] textarea, .o_form_view .o_field_widget[name='name'] input",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "Delete",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Delete)",
            run: "click",
        },
        {
            content: "The dialog says the deal goes to the trash, for 14 days",
            trigger: ".modal:contains(Move to the Trash):contains(14 days)",
        },
        {
            content: "Confirm",
            trigger: ".modal footer .btn-primary:contains(Move to the Trash)",
            run: "click",
        },
        {
            content: "A toast says where it went",
            trigger: ".o_notification:contains(Moved to the Trash)",
        },
        {
            content: "The dialog is gone",
            trigger: "body:not(:has(.modal))",
            run() {
                window.location.href = "/odoo/action-crm_user_management.crm_trash_entry_action";
            },
        },
        {
            content: "Restore the deal from the trash",
            trigger: ".o_data_row:has(td:contains(Tour Trash Deal)) button[name='action_restore']",
            run: "click",
        },
        {
            content: "A toast says it is back",
            trigger: ".o_notification:contains(Restored from the trash)",
        },
        {
            content: "The trash no longer lists it",
            trigger: ".o_list_view:not(:has(td:contains(Tour Trash Deal)))",
        },
    ],
});
