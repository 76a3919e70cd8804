import { rpc, rpcBus } from "@web/core/network/rpc";
import { patch } from "@web/core/utils/patch";
import { KanbanController } from "@web/views/kanban/kanban_controller";
import { onMounted, onWillUnmount } from "@odoo/owl";

// Diagnosis of Odoo's crm_forecast tour (issue 22, see tests/test_probe.py): logs the RPCs,
// the kanban controllers and the quick-create columns. With ?probe_delay=r1&probe_ms=<ms> in
// the start URL, the Forecast's server action answers just after the pipeline drew its
// board and the Forecast's first data <ms> late (the step 7 race); with
// ?probe_delay=<part of a URL>&probe_ms=<ms>, the answers of those RPCs come <ms> late.
const query = new URLSearchParams(window.location.search);
if (query.get("probe_delay")) {
    // the tour reloads its own URL: the setting outlives the first page
    sessionStorage.setItem("probe_delay", query.get("probe_delay"));
    sessionStorage.setItem("probe_ms", query.get("probe_ms") || "0");
}
const delayed = sessionStorage.getItem("probe_delay");
const delayMs = Number(sessionStorage.getItem("probe_ms") || 0);
let runs = 0;
let forecastLoads = 0;
const ts = () => performance.now().toFixed(0);
const pipelineDrawn = () =>
    new Promise((resolve) => {
        const check = () =>
            document.querySelector("[data-probe=other] .o_column_quick_create")
                ? setTimeout(resolve, 10)
                : requestAnimationFrame(check);
        check();
    });
if (delayed) {
    console.log(`PROBE ${ts()} delaying responses of ${delayed} by ${delayMs} ms`);
    const original = rpc._rpc;
    rpc._rpc = function (url, params, settings) {
        const promise = original.call(this, url, params, settings);
        const key = `${url} ${params?.action_id || ""}`;
        let wait = null;
        if (delayed === "r1" && url === "/web/action/run" && runs++ === 1) {
            // the Forecast's server action answers just after the pipeline drew its board
            wait = pipelineDrawn;
        } else if (
            delayed === "r1" &&
            url.endsWith("/web_read_group") &&
            params?.kwargs?.context?.forecast_field &&
            !forecastLoads++
        ) {
            // and the Forecast's first data comes late
            wait = () => new Promise((resolve) => setTimeout(resolve, delayMs));
        } else if (delayed !== "r1" && key.includes(delayed)) {
            wait = () => new Promise((resolve) => setTimeout(resolve, delayMs));
        }
        if (!wait) {
            return promise;
        }
        console.log(`PROBE ${ts()} delayed ${key}`);
        const late = promise.then(async (result) => {
            await wait();
            console.log(`PROBE ${ts()} released ${key}`);
            return result;
        });
        late.abort = promise.abort;
        return late;
    };
}
const label = (detail) => {
    const p = (detail.data && detail.data.params) || {};
    return `${detail.url || ""} ${p.model || ""}.${p.method || ""} ${p.action_id || ""}`;
};
rpcBus.addEventListener("RPC:REQUEST", ({ detail }) =>
    console.log(`PROBE ${ts()} req#${detail.data.id} ${label(detail)}`)
);
rpcBus.addEventListener("RPC:RESPONSE", ({ detail }) =>
    console.log(`PROBE ${ts()} res#${detail.data.id}`)
);
const kind = (ctrl) => (ctrl.props.context.forecast_field ? "forecast" : "other");
patch(KanbanController.prototype, {
    setup() {
        super.setup(...arguments);
        const name = `${kind(this)}(${this.props.resModel})`;
        console.log(`PROBE ${ts()} setup ${name}`);
        onMounted(() => {
            if (this.rootRef?.el) {
                this.rootRef.el.dataset.probe = kind(this);
            }
            console.log(`PROBE ${ts()} mounted ${name}`);
        });
        onWillUnmount(() => console.log(`PROBE ${ts()} unmount ${name}`));
        this.model.whenReady.then(() => console.log(`PROBE ${ts()} ready ${name}`));
    },
    async createRecord() {
        console.log(
            `PROBE ${ts()} createRecord ${kind(this)} canQuickCreate=${this.canQuickCreate} ready=${this.model.isReady} groups=${this.model.root.groups?.length}`
        );
        return super.createRecord(...arguments);
    },
});
let last = "";
const observer = new MutationObserver(() => {
    const cols = [...document.querySelectorAll(".o_column_quick_create")].map(
        (el) => el.closest("[data-probe]")?.dataset.probe || "?"
    );
    const news = document.querySelectorAll(".o-kanban-button-new").length;
    const bc = [...document.querySelectorAll(".o_breadcrumb .active, .o_last_breadcrumb_item")]
        .map((e) => e.textContent.trim())
        .join("|");
    const state = `colQC=[${cols.join(",")}] new=${news} bc=${bc}`;
    if (state !== last) {
        last = state;
        console.log(`PROBE ${ts()} dom ${state}`);
    }
});
observer.observe(document.documentElement, { childList: true, subtree: true });
