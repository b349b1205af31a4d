const zhCN = {
  menu: '',
};

export default zhCN;
