/** @odoo-module **/
// Sam, a Sales Manager who may manage users, changes a closer's role from the
// Team screen (Admin is not offered) and invites a user.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_user_management_team_tour", {
    url: "/odoo/action-crm_user_management.action_crm_team_members",
    steps: () => [
        {
            content: "The Team screen shows the seat count",
            trigger: ".o_crm_seat_usage:contains(seats used)",
        },
        {
            content: "The Owner's row offers no action to Sam",
            trigger: ".o_data_row:has(td:contains(Tour Owner))",
            run() {
                if (this.anchor.querySelector("button[name='action_crm_change_roles']")) {
                    throw new Error("Sam is offered to change the Owner's roles");
                }
            },
        },
        {
            content: "Change the roles of the tour closer",
            trigger:
                ".o_data_row:has(td:contains(Tour Closer)) button[name='action_crm_change_roles']",
            run: "click",
        },
        {
            content: "The wizard offers Closer and Setter",
            trigger: ".modal .o_crm_role_checkboxes:contains(Setter):contains(Closer)",
            run() {
                const labels = [...this.anchor.querySelectorAll("label")].map((l) =>
                    l.textContent.trim()
                );
                if (labels.some((label) => label.includes("/"))) {
                    throw new Error(`Roles are not named by their name: ${labels}`);
                }
                for (const forbidden of ["Admin", "Owner"]) {
                    if (labels.includes(forbidden)) {
                        throw new Error(`${forbidden} is offered to Sam: ${labels}`);
                    }
                }
            },
        },
        {
            content: "Untick Closer",
            trigger: ".modal .o_crm_role_checkboxes div.form-check:has(label:contains(Closer)) input:checked",
            run: "click",
        },
        {
            content: "Tick Setter",
            trigger: ".modal .o_crm_role_checkboxes div.form-check:has(label:contains(Setter)) input:not(:checked)",
            run: "click",
        },
        {
            content: "Apply",
            trigger: ".modal button.o_crm_role_apply",
            run: "click",
        },
        {
            content: "A toast says what changed",
            trigger: ".o_notification:contains(changed to)",
        },
        {
            content: "The row shows the new role",
            trigger: ".o_data_row:has(td:contains(Tour Closer)) .o_tag:contains(Setter)",
        },
        {
            content: "Invite a user",
            trigger: "button.o_crm_invite_users",
            run: "click",
        },
        {
            content: "Paste an address",
            trigger: ".modal .o_crm_invite_paste textarea",
            run() {
                this.anchor.value = "tour.sam.invite@example.com";
                this.anchor.dispatchEvent(new Event("input", { bubbles: true }));
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Leave the box so the line is filled",
            trigger: ".modal .o_crm_invite_seats",
            run: "click",
        },
        {
            content: "The line is there",
            trigger: ".modal .o_data_row td:contains(tour.sam.invite@example.com)",
        },
        {
            content: "Open the line's role",
            trigger: ".modal .o_data_row:has(td:contains(tour.sam.invite@example.com)) td[name='role_id']",
            run: "click",
        },
        {
            content: "Look for roles",
            trigger: ".modal .o_data_row.o_selected_row td[name='role_id'] input",
            run: "edit Clo",
        },
        {
            content: "Closer is offered",
            trigger: ".o-autocomplete--dropdown-menu a:contains(Closer)",
            run: "click",
        },
        {
            content: "Look for Admin",
            trigger: ".modal .o_data_row.o_selected_row td[name='role_id'] input",
            run: "edit Adm",
        },
        {
            content: "Admin is not offered to Sam",
            trigger: ".o-autocomplete--dropdown-menu",
            run() {
                const offered = [...this.anchor.querySelectorAll("a")].map((a) => a.textContent.trim());
                if (offered.includes("Admin")) {
                    throw new Error(`Admin offered to Sam: ${offered}`);
                }
            },
        },
        {
            content: "Back to Closer",
            trigger: ".modal .o_data_row.o_selected_row td[name='role_id'] input",
            run: "edit Closer",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains(Closer)",
            run: "click",
        },
        {
            content: "Send",
            trigger: ".modal button.o_crm_invite_send",
            run: "click",
        },
        {
            content: "Back on the Team screen, the invited user is pending",
            trigger: ".o_crm_team_list .o_data_row:has(td:contains(tour.sam.invite@example.com)) .badge:contains(Pending)",
        },
    ],
});
