/**
 * Scenarios shipped with the extension. The JSON is imported statically so esbuild bundles
 * it: no runtime file paths, which would differ between the CLI, tests and the VSIX.
 */
import { InvalidInputError } from '../../core/incident';
import { parseScenario, type Scenario } from '../scenario/scenario';
import demoOom from './demo-oom.json';
import ecsAccountsLatencyInconclusive from './ecs-accounts-latency-inconclusive.json';
import ecsBillingHikariPoolConfig from './ecs-billing-hikari-pool-config.json';
import ecsCartPromoRegression from './ecs-cart-promo-regression.json';
import ecsCheckoutCatalogDbThreeHops from './ecs-checkout-catalog-db-three-hops.json';
import ecsDataExporterDiskFull from './ecs-data-exporter-disk-full.json';
import ecsGatewayRenamedFlagCrashloop from './ecs-gateway-renamed-flag-crashloop.json';
import ecsLedgerSyncExpiredCert from './ecs-ledger-sync-expired-cert.json';
import ecsNotificationsSmtpHostTypo from './ecs-notifications-smtp-host-typo.json';
import ecsPdfRendererPlacementFailure from './ecs-pdf-renderer-placement-failure.json';
import ecsProfileHealthcheck404 from './ecs-profile-healthcheck-404.json';
import ecsReportWorkerImageMissing from './ecs-report-worker-image-missing.json';
import ecsSearchRegexCpu from './ecs-search-regex-cpu.json';
import ecsShippingCarrier429Noisy from './ecs-shipping-carrier-429-noisy.json';
import ecsTicketsOnsaleTrafficSpike from './ecs-tickets-onsale-traffic-spike.json';
import k8sCorednsOomDnsTimeouts from './k8s-coredns-oom-dns-timeouts.json';
import k8sInventoryNilPointerPanic from './k8s-inventory-nil-pointer-panic.json';
import k8sNodeMemoryPressureEvictions from './k8s-node-memory-pressure-evictions.json';
import k8sOrdersDbSaturatedByAnalytics from './k8s-orders-db-saturated-by-analytics.json';
import k8sPricingEngineCpuThrottled from './k8s-pricing-engine-cpu-throttled.json';
import k8sRecommendationsPendingInsufficientCpu from './k8s-recommendations-pending-insufficient-cpu.json';
import k8sSessionsRenamedEnvCrashloop from './k8s-sessions-renamed-env-crashloop.json';
import k8sStatementsHeapFlagOomkilled from './k8s-statements-heap-flag-oomkilled.json';
import k8sStorefrontWebImagepullbackoff from './k8s-storefront-web-imagepullbackoff.json';
import k8sThumbnailerEphemeralStorageEvictions from './k8s-thumbnailer-ephemeral-storage-evictions.json';
import ecsApiTargetHealthPort from './ecs-api-target-health-port.json';
import ecsFeedSecretMissing from './ecs-feed-secret-missing.json';
import k8sBatchResourcequotaExceeded from './k8s-batch-resourcequota-exceeded.json';
import k8sCheckoutNetworkpolicyEgress from './k8s-checkout-networkpolicy-egress.json';
import k8sLedgerPvcPendingStorageclass from './k8s-ledger-pvc-pending-storageclass.json';
import k8sOrdersConfigmapKeyMissing from './k8s-orders-configmap-key-missing.json';
import k8sReportsSecretForbidden from './k8s-reports-secret-forbidden.json';
import k8sSearchServiceSelectorTypo from './k8s-search-service-selector-typo.json';
import ecsExporterOomEveryFourHours from './ecs-exporter-oom-every-four-hours.json';

/** Raw scenario JSON by id (validated on load). */
const RAW: Readonly<Record<string, unknown>> = {
  [demoOom.id]: demoOom,
  // The evaluation corpus (issue #3): one failure mode or hard case each, ECS and Kubernetes.
  [ecsAccountsLatencyInconclusive.id]: ecsAccountsLatencyInconclusive,
  [ecsBillingHikariPoolConfig.id]: ecsBillingHikariPoolConfig,
  [ecsCartPromoRegression.id]: ecsCartPromoRegression,
  [ecsCheckoutCatalogDbThreeHops.id]: ecsCheckoutCatalogDbThreeHops,
  [ecsDataExporterDiskFull.id]: ecsDataExporterDiskFull,
  [ecsGatewayRenamedFlagCrashloop.id]: ecsGatewayRenamedFlagCrashloop,
  [ecsLedgerSyncExpiredCert.id]: ecsLedgerSyncExpiredCert,
  [ecsNotificationsSmtpHostTypo.id]: ecsNotificationsSmtpHostTypo,
  [ecsPdfRendererPlacementFailure.id]: ecsPdfRendererPlacementFailure,
  [ecsProfileHealthcheck404.id]: ecsProfileHealthcheck404,
  [ecsReportWorkerImageMissing.id]: ecsReportWorkerImageMissing,
  [ecsSearchRegexCpu.id]: ecsSearchRegexCpu,
  [ecsShippingCarrier429Noisy.id]: ecsShippingCarrier429Noisy,
  [ecsTicketsOnsaleTrafficSpike.id]: ecsTicketsOnsaleTrafficSpike,
  [k8sCorednsOomDnsTimeouts.id]: k8sCorednsOomDnsTimeouts,
  [k8sInventoryNilPointerPanic.id]: k8sInventoryNilPointerPanic,
  [k8sNodeMemoryPressureEvictions.id]: k8sNodeMemoryPressureEvictions,
  [k8sOrdersDbSaturatedByAnalytics.id]: k8sOrdersDbSaturatedByAnalytics,
  [k8sPricingEngineCpuThrottled.id]: k8sPricingEngineCpuThrottled,
  [k8sRecommendationsPendingInsufficientCpu.id]: k8sRecommendationsPendingInsufficientCpu,
  [k8sSessionsRenamedEnvCrashloop.id]: k8sSessionsRenamedEnvCrashloop,
  [k8sStatementsHeapFlagOomkilled.id]: k8sStatementsHeapFlagOomkilled,
  [k8sStorefrontWebImagepullbackoff.id]: k8sStorefrontWebImagepullbackoff,
  [k8sThumbnailerEphemeralStorageEvictions.id]: k8sThumbnailerEphemeralStorageEvictions,
  // Objects beyond workloads and AWS signals (issues #9, #10): claims, policies, Services, ConfigMaps, quotas, permissions, target health, secrets.
  [ecsApiTargetHealthPort.id]: ecsApiTargetHealthPort,
  [ecsFeedSecretMissing.id]: ecsFeedSecretMissing,
  [k8sBatchResourcequotaExceeded.id]: k8sBatchResourcequotaExceeded,
  [k8sCheckoutNetworkpolicyEgress.id]: k8sCheckoutNetworkpolicyEgress,
  [k8sLedgerPvcPendingStorageclass.id]: k8sLedgerPvcPendingStorageclass,
  [k8sOrdersConfigmapKeyMissing.id]: k8sOrdersConfigmapKeyMissing,
  [k8sReportsSecretForbidden.id]: k8sReportsSecretForbidden,
  [k8sSearchServiceSelectorTypo.id]: k8sSearchServiceSelectorTypo,
  // A failure that recurs on a schedule, caused by a deploy two days before the alert (issue #8).
  [ecsExporterOomEveryFourHours.id]: ecsExporterOomEveryFourHours,
};

/** id → title and description, for pickers and usage text. */
export const BUNDLED_SCENARIOS: Readonly<Record<string, { id: string; title: string; description: string }>> = Object.fromEntries(
  Object.entries(RAW).map(([id, raw]) => {
    const { title, description } = raw as { title: string; description: string };
    return [id, { id, title, description }];
  }),
);

export const DEFAULT_SCENARIO_ID = 'demo-oom';

const cache = new Map<string, Scenario>();

/** A validated bundled scenario (parsed once per process; callers get their own copy). Throws InvalidInputError for an unknown id. */
export function loadBundledScenario(id: string): Scenario {
  const cached = cache.get(id);
  if (cached) return structuredClone(cached);
  if (!Object.prototype.hasOwnProperty.call(RAW, id)) {
    throw new InvalidInputError('scenario', [`no bundled scenario "${id}" (bundled: ${Object.keys(RAW).join(', ')})`]);
  }
  const scenario = parseScenario(RAW[id]);
  cache.set(id, scenario);
  return structuredClone(scenario);
}
