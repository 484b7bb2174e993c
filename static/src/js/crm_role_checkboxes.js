/** @odoo-module **/
// Roles as checkboxes, named by their own name ("Closer", not
// "CRM Roles / Closer"): Odoo's checkboxes read their choices without the
// field's context, so this widget asks for the short names itself.
import { useBus } from "@web/core/utils/hooks";
import { registry } from "@web/core/registry";
import { debounce } from "@web/core/utils/timing";
import { getFieldDomain } from "@web/model/relational_model/utils";
import { useSpecialData } from "@web/views/fields/relational_utils";
import {
    Many2ManyCheckboxesField,
    many2ManyCheckboxesField,
} from "@web/views/fields/many2many_checkboxes/many2many_checkboxes_field";
import { onWillUnmount } from "@odoo/owl";

export class CrmRoleCheckboxesField extends Many2ManyCheckboxesField {
    setup() {
        // Odoo's setup, with the choices read under crm_short_names (calling
        // super.setup() would read them a second time, with long names)
        this.specialData = useSpecialData((orm, props) => {
            const { relation } = props.record.fields[props.name];
            const domain = getFieldDomain(props.record, props.name, props.domain);
            return orm.call(relation, "name_search", ["", domain], {
                context: { crm_short_names: true },
            });
        });
        this.idsToAdd = new Set();
        this.idsToRemove = new Set();
        this.debouncedCommitChanges = debounce(this.commitChanges.bind(this), 500);
        useBus(this.props.record.model.bus, "NEED_LOCAL_CHANGES", this.commitChanges.bind(this));
        onWillUnmount(this.commitChanges.bind(this));
    }
}

registry.category("fields").add("crm_role_checkboxes", {
    ...many2ManyCheckboxesField,
    component: CrmRoleCheckboxesField,
});
