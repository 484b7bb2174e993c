/** @odoo-module **/
// An admin creates a visibility group, then deletes it: the confirmation says
// beforehand how many records revert to everyone.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_user_management_visibility_group_tour", {
    url: "/odoo/action-crm_user_management.res_groups_action_visibility",
    steps: () => [
        {
            content: "The visibility groups list shows the group guarding the tour lead",
            trigger: ".o_list_view .o_data_row td:contains(Tour Group)",
        },
        {
            content: "Create a group",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_data_row.o_selected_row [name=name] input",
            run: "edit Tour New Group",
        },
        {
            content: "Save the line",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "The new group is listed",
            trigger: ".o_list_view .o_data_row:not(.o_selected_row) td:contains(Tour New Group)",
        },
        {
            content: "Delete the group that guards a record",
            trigger: ".o_data_row:has(td:contains(Tour Group)) button[name=action_crm_delete_visibility_group]",
            run: "click",
        },
        {
            content: "The confirmation counts the record that reverts to everyone",
            trigger: ".modal [name=revert_count]:contains(1)",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The group is gone, the new one stays",
            trigger: ".o_list_view:not(:has(td:contains(Tour Group))) td:contains(Tour New Group)",
        },
    ],
});
