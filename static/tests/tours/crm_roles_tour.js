/** @odoo-module **/
// An admin edits a role's matrix (a wider Edit is narrowed on screen, saying
// so), duplicates the role, then deletes a role with users by moving them.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_user_management_role_matrix_tour", {
    url: "/odoo/action-crm_user_management.res_groups_action_role",
    steps: () => [
        {
            content: "Open the tour role",
            trigger: ".o_data_row td:contains(Tour Matrix Role)",
            run: "click",
        },
        {
            content: "Edit the Lead row's Edit scope",
            trigger: ".o_field_widget[name='role_permission_ids'] .o_data_row:has(td:contains(Lead)) td[name='edit_scope']",
            run: "click",
        },
        {
            content: "Choose All, wider than View (Own)",
            trigger: ".o_field_widget[name='role_permission_ids'] .o_selected_row td[name='edit_scope'] select",
            run: 'select "all"',
        },
        {
            content: "The form narrows it at once and says why",
            trigger: ".o_notification:contains(Editing cannot reach further than viewing)",
        },
        {
            content: "Edit stays Own",
            trigger: ".o_field_widget[name='role_permission_ids'] .o_selected_row td[name='edit_scope'] select",
            run() {
                if (this.anchor.value !== '"own"') {
                    throw new Error(`edit scope is ${this.anchor.value}`);
                }
            },
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved, .o_form_view:not(:has(.o_form_button_save:visible))",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "Duplicate",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Duplicate)",
            run: "click",
        },
        {
            content: "The copy opens",
            trigger: ".o_field_widget[name='name'] input:value(Tour Matrix Role (Copy)), .o_field_widget[name='name'] input",
            run() {
                if (!this.anchor.value.includes("(Copy)")) {
                    throw new Error(`not the copy: ${this.anchor.value}`);
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("crm_user_management_role_delete_tour", {
    url: "/odoo/action-crm_user_management.res_groups_action_role",
    steps: () => [
        {
            content: "Open the role to delete",
            trigger: ".o_data_row td:contains(Tour Temp Role)",
            run: "click",
        },
        {
            content: "Delete",
            trigger: ".o_form_view button[name='action_crm_delete_role']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal footer .btn-primary",
            run: "click",
        },
        {
            content: "The wizard lists the role's users",
            trigger: ".modal .o_data_row td:contains(Tour Temp User)",
        },
        {
            content: "Choose where everyone moves",
            trigger: ".modal .o_field_widget[name='target_role_id'] input",
            run: "edit Setter",
        },
        {
            content: "Owner is never offered",
            trigger: ".o-autocomplete--dropdown-menu:contains(Setter)",
            run() {
                if (this.anchor.textContent.includes("Owner")) {
                    throw new Error("Owner offered as a target");
                }
            },
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains(Setter)",
            run: "click",
        },
        {
            content: "Move users and delete",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "A toast says the role is deleted",
            trigger: ".o_notification:contains(Role Tour Temp Role deleted)",
        },
        {
            content: "Back on the Roles list, without the deleted role",
            trigger: ".o_list_view:not(:has(td:contains(Tour Temp Role)))",
        },
        {
            content: "No error and no breadcrumb to the deleted role",
            trigger: "body:not(:has(.o_error_dialog)):not(:has(.o_breadcrumb:contains(Tour Temp Role)))",
        },
    ],
});

registry.category("web_tour.tours").add("crm_user_management_widen_tour", {
    steps: () => [
        {
            content: "Her private lead",
            trigger: ".o_field_widget[name='visibility'] input[data-value='private']:checked",
        },
        {
            content: "Make it visible to everyone",
            trigger: ".o_field_widget[name='visibility'] input[data-value='everyone']",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
        },
    ],
});
