export default defineBackground(() => {
  // Wired in lib/background; kept thin on purpose.
});
