import { Component, onWillStart, useState } from "@odoo/owl";
import { DateTimeInput } from "@web/core/datetime/datetime_input";
import { deserializeDate, serializeDate } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { formatFloat, formatMonetary } from "@web/views/fields/formatters";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const FUNNEL_WIDTH = 240;
const LABEL_WIDTH = 260;
const STEP_HEIGHT = 48;
const FILTERS = ["scenario_id", "date_from", "date_to", "user_id", "team_id", "medium_id", "source_id"];

/**
 * The sales funnel (Воронка продаж) as a report: filters, the funnel drawn state by state
 * (width = interests that reached the state), a table with conversions and days, totals that
 * count each interest once, a click on a state opens its interests, CSV export.
 */
export class InterestFunnelReport extends Component {
    static template = "crm_interest.FunnelReport";
    static components = { DateTimeInput, Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.filters = useState(Object.fromEntries(FILTERS.map((name) => [name, ""])));
        this.state = useState({ report: null });
        onWillStart(() => this.load());
    }

    async load() {
        const filters = Object.fromEntries(
            Object.entries(this.filters).filter(([, value]) => value !== "")
        );
        const report = await this.orm.call("crm.lead", "interest_funnel_report", [], { filters });
        this.filters.scenario_id = report.scenario_id ? String(report.scenario_id) : "";
        this.state.report = report;
    }

    onFilterChange(name, ev) {
        this.filters[name] = ev.target.value;
        this.load();
    }

    /** A date filter as the picker wants it (a luxon date or false). */
    dateValue(name) {
        return this.filters[name] ? deserializeDate(this.filters[name]) : false;
    }

    /** The picker's date, in the user's format on screen, as the server's "YYYY-MM-DD". */
    onDateChange(name, value) {
        this.filters[name] = value ? serializeDate(value) : "";
        this.load();
    }

    isSelected(name, id) {
        return String(id) === this.filters[name];
    }

    openTitle(row) {
        return _t("Open the interests that reached %s", row.name);
    }

    get filterSelects() {
        const options = this.state.report.options;
        return [
            { name: "user_id", label: _t("Salesperson"), options: options.user_id },
            { name: "team_id", label: _t("Sales Team"), options: options.team_id },
            { name: "medium_id", label: _t("Channel"), options: options.medium_id },
            { name: "source_id", label: _t("Source"), options: options.source_id },
        ];
    }

    /**
     * The drawing in pixels: the funnel on the left (width = interests that reached the
     * state), beside each step its state's name and figures.
     */
    get bars() {
        const rows = this.state.report.rows;
        const top = Math.max(1, ...rows.map((row) => row.reached));
        const widthOf = (row) => FUNNEL_WIDTH * (0.2 + (0.8 * row.reached) / top);
        return rows.map((row, index) => {
            const width = widthOf(row);
            const next = rows[index + 1];
            const nextWidth = next ? widthOf(next) : width * 0.9;
            return { ...row, y: index * STEP_HEIGHT, width, nextWidth };
        });
    }

    get drawing() {
        return {
            width: FUNNEL_WIDTH + LABEL_WIDTH,
            height: this.bars.length * STEP_HEIGHT,
            labelX: FUNNEL_WIDTH + 12,
        };
    }

    points(bar) {
        const left = (FUNNEL_WIDTH - bar.width) / 2;
        const nextLeft = (FUNNEL_WIDTH - bar.nextWidth) / 2;
        const bottom = bar.y + STEP_HEIGHT - 4;
        return `${left},${bar.y} ${left + bar.width},${bar.y} ${nextLeft + bar.nextWidth},${bottom} ${nextLeft},${bottom}`;
    }

    /** The figures beside a step: interests that reached it and their amount. */
    figures(bar) {
        return `${bar.reached} · ${this.money(bar.amount)}`;
    }

    money(amount) {
        return formatMonetary(amount || 0, { currencyId: this.state.report.currency_id });
    }

    percent(value) {
        return value === null || value === undefined ? "—" : `${formatFloat(value, { digits: [3, 1] })} %`;
    }

    days(value) {
        return value === null || value === undefined ? "—" : formatFloat(value, { digits: [3, 1] });
    }

    openInterests(row) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: row ? row.name : _t("Interests"),
            res_model: "crm.lead",
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain: row ? row.domain : this.state.report.domain,
            context: { active_test: false },
        });
    }

    exportCsv() {
        const header = [
            _t("State"),
            _t("Interests reached"),
            _t("Amount reached"),
            _t("Conversion to next state, %"),
            _t("Won of them"),
            _t("Conversion to won, %"),
            _t("Average days in state"),
        ];
        const lines = this.state.report.rows.map((row) => [
            row.name,
            row.reached,
            row.amount,
            row.to_next ?? "",
            row.won,
            row.to_won ?? "",
            row.avg_days ?? "",
        ]);
        const quote = (cell) => `"${String(cell).replaceAll('"', '""')}"`;
        const csv = [header, ...lines].map((line) => line.map(quote).join(",")).join("\n");
        const link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob(["\ufeff" + csv], { type: "text/csv" }));
        link.download = "sales_funnel.csv";
        link.click();
        URL.revokeObjectURL(link.href);
    }
}

registry.category("actions").add("crm_interest.funnel_report", InterestFunnelReport);
